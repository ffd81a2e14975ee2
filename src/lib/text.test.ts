import { describe, expect, it } from 'vitest';
import { sentence } from './text';

describe('sentence', () => {
  it('adds a full stop to a message without one', () => {
    expect(sentence('Internal server error')).toBe('Internal server error.');
  });

  it('keeps a message that already ends a sentence', () => {
    expect(sentence('Not found.')).toBe('Not found.');
    expect(sentence('Try again!')).toBe('Try again!');
    expect(sentence('Is the URL right?')).toBe('Is the URL right?');
    expect(sentence('Saving…')).toBe('Saving…');
    expect(sentence('It said “stop.”')).toBe('It said “stop.”');
  });

  it('trims surrounding space, and leaves an empty message empty', () => {
    expect(sentence('  Bad gateway \n')).toBe('Bad gateway.');
    expect(sentence('   ')).toBe('');
  });
});
