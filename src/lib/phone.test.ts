import { describe, expect, it } from 'vitest';
import { defaultCountryFromLocale, formatPhoneNumber, parsePhoneEntry, splitPhoneInput } from './phone';

describe('splitPhoneInput', () => {
  it('splits on commas, semicolons and new lines, trimming and dropping empty pieces', () => {
    expect(splitPhoneInput('+14155550100, +442079460958;+12125550188\n+13105550199\r\n,, ;')).toEqual([
      '+14155550100',
      '+442079460958',
      '+12125550188',
      '+13105550199',
    ]);
  });

  it('starts a new number at each "+" after whitespace', () => {
    expect(splitPhoneInput('+1 415 555 0100 +44 7700 900123')).toEqual(['+1 415 555 0100', '+44 7700 900123']);
  });

  it('keeps the spaces inside one number', () => {
    expect(splitPhoneInput('  +1 415 555 0100  ')).toEqual(['+1 415 555 0100']);
    expect(splitPhoneInput('(212) 555-0188')).toEqual(['(212) 555-0188']);
  });

  it('splits a pasted mixture and keeps the text that is not a number, for an error chip', () => {
    expect(splitPhoneInput('+1 415 555 0100, +44 20 7946 0958\n(212) 555-0188; nonsense')).toEqual([
      '+1 415 555 0100',
      '+44 20 7946 0958',
      '(212) 555-0188',
      'nonsense',
    ]);
  });

  it('returns nothing for blank input', () => {
    expect(splitPhoneInput('')).toEqual([]);
    expect(splitPhoneInput(' \n , ; ')).toEqual([]);
  });
});

describe('parsePhoneEntry', () => {
  it('reads a national number against the default country US as +1', () => {
    expect(parsePhoneEntry('(415) 555-0100', 'US')).toEqual({
      kind: 'valid',
      e164: '+14155550100',
      display: '+1 415 555 0100',
    });
  });

  it('reads a national number against the default country GB as +44', () => {
    expect(parsePhoneEntry('020 7946 0958', 'GB')).toEqual({
      kind: 'valid',
      e164: '+442079460958',
      display: '+44 20 7946 0958',
    });
  });

  it('reads the same digits differently for a different default country', () => {
    const us = parsePhoneEntry('(212) 555-0188', 'US');
    expect(us).toMatchObject({ kind: 'valid', e164: '+12125550188' });
    expect(parsePhoneEntry('(212) 555-0188', 'GB')).not.toEqual(us);
  });

  it('keeps the country code of an international number, whatever the default country', () => {
    expect(parsePhoneEntry('+44 20 7946 0958', 'US')).toEqual({
      kind: 'valid',
      e164: '+442079460958',
      display: '+44 20 7946 0958',
    });
    expect(parsePhoneEntry('+1 212 555 0188', 'GB')).toMatchObject({ kind: 'valid', e164: '+12125550188' });
  });

  it('reads a leading 00 as the international prefix, as most of the world dials it, even against the US', () => {
    expect(parsePhoneEntry('0044 20 7946 0958', 'US')).toMatchObject({ kind: 'valid', e164: '+442079460958' });
    expect(parsePhoneEntry('0044 20 7946 0958', 'GB')).toMatchObject({ kind: 'valid', e164: '+442079460958' });
    // A single 0 is still a national trunk prefix.
    expect(parsePhoneEntry('020 7946 0958', 'GB')).toMatchObject({ kind: 'valid', e164: '+442079460958' });
  });

  it('trims the input before reading it', () => {
    expect(parsePhoneEntry('  +14155550100  ', 'US')).toMatchObject({ kind: 'valid', e164: '+14155550100' });
  });

  it('rejects text with letters, saying so', () => {
    const entry = parsePhoneEntry('415 CALL NOW 1', 'US');
    expect(entry).toEqual({ kind: 'invalid', input: '415 CALL NOW 1', reason: expect.stringMatching(/letters/i) });
  });

  it('rejects text with no digits, saying so', () => {
    expect(parsePhoneEntry('nonsense', 'US')).toEqual({
      kind: 'invalid',
      input: 'nonsense',
      reason: expect.stringMatching(/no digits/i),
    });
  });

  it('rejects a number that is too short, naming the country and its code', () => {
    const entry = parsePhoneEntry('555-0100', 'US');
    expect(entry.kind).toBe('invalid');
    if (entry.kind !== 'invalid') return;
    expect(entry.input).toBe('555-0100');
    expect(entry.reason).toMatch(/digits/i);
    expect(entry.reason).toContain('United States');
    expect(entry.reason).toContain('+1');
  });

  it('rejects a truncated international number', () => {
    expect(parsePhoneEntry('+1 415 555 01', 'GB')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringContaining('+1'),
    });
  });

  it('names the country of the calling code for an international number, not the default country', () => {
    // 07700 900xxx is the UK's range reserved for drama: the right length, but no real number.
    expect(parsePhoneEntry('+44 7700 900123', 'US')).toEqual({
      kind: 'invalid',
      input: '+44 7700 900123',
      reason: 'Not a valid number in United Kingdom (+44). Check the digits.',
    });
    expect(parsePhoneEntry('+44 20 7946 0123 4567', 'US')).toEqual({
      kind: 'invalid',
      input: '+44 20 7946 0123 4567',
      reason: 'Wrong number of digits for United Kingdom (+44).',
    });
    // +1 is shared by many countries; its main one is named.
    expect(parsePhoneEntry('+1 415 555 01', 'GB')).toMatchObject({
      reason: 'Wrong number of digits for United States (+1).',
    });
  });

  it('names the calling code of a non-geographic international number', () => {
    expect(parsePhoneEntry('+882 1234', 'US')).toMatchObject({
      kind: 'invalid',
      reason: 'Wrong number of digits for calling code +882.',
    });
  });

  it('names the default country for a national number that is not valid', () => {
    expect(parsePhoneEntry('020 7946 0123 4567', 'GB')).toMatchObject({
      reason: 'Wrong number of digits for United Kingdom (+44).',
    });
    expect(parsePhoneEntry('(999) 555-0100', 'US')).toMatchObject({
      reason: 'Not a valid number in United States. Check the digits or add the country code.',
    });
  });

  it('rejects a number with an extension, which a phone filter cannot use', () => {
    expect(parsePhoneEntry('+1 415 555 0100 ext. 12', 'US')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/extension/i),
    });
    // Written straight after the digits, "x12" is an extension too, not "letters".
    expect(parsePhoneEntry('+12125550188x12', 'US')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/extension/i),
    });
  });

  it('says a + number starts with no country calling code, instead of asking for one', () => {
    expect(parsePhoneEntry('+999 123456', 'US')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/not a country calling code/),
    });
  });
});

describe('formatPhoneNumber', () => {
  it('shows E.164 in international format and leaves what it cannot parse alone', () => {
    expect(formatPhoneNumber('+14155550100')).toBe('+1 415 555 0100');
    expect(formatPhoneNumber('not a number')).toBe('not a number');
  });
});

describe('defaultCountryFromLocale', () => {
  it('takes the region of the locale', () => {
    expect(defaultCountryFromLocale(['en-GB'])).toBe('GB');
    expect(defaultCountryFromLocale(['fr-CA', 'en-US'])).toBe('CA');
  });

  it('infers the likely region of a language-only locale', () => {
    expect(defaultCountryFromLocale(['de'])).toBe('DE');
  });

  it('skips an unparsable locale and tries the next one', () => {
    expect(defaultCountryFromLocale(['not a locale!', 'en-GB'])).toBe('GB');
  });

  it('falls back to US when nothing is known', () => {
    expect(defaultCountryFromLocale([])).toBe('US');
    expect(defaultCountryFromLocale(['not a locale!'])).toBe('US');
  });
});
