import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { PhoneEntry } from '@/lib/phone';
import { PhoneChips } from './phone-chips';

interface HarnessProps {
  initial?: PhoneEntry[];
  suggestions?: { e164: string; display: string }[];
  onValue?: (next: PhoneEntry[]) => void;
  onBlur?: () => void;
}

/** PhoneChips is controlled: the form owns the value. This stands in for the form. */
function Harness({ initial = [], suggestions = [], onValue, onBlur }: HarnessProps) {
  const [value, setValue] = useState<PhoneEntry[]>(initial);
  return (
    <div>
      <label htmlFor="phones">Phone numbers</label>
      <PhoneChips
        id="phones"
        value={value}
        onChange={(next) => {
          setValue(next);
          onValue?.(next);
        }}
        onBlur={onBlur}
        suggestions={suggestions}
      />
      <button type="button">Somewhere else</button>
    </div>
  );
}

function setup(props: HarnessProps = {}) {
  const user = userEvent.setup({ delay: null });
  const onValue = vi.fn<(next: PhoneEntry[]) => void>();
  render(<Harness onValue={onValue} {...props} />);
  const input = screen.getByRole('textbox', { name: 'Phone numbers' });
  return { user, input, onValue };
}

/** The chips' visible text, in order. */
function chipTexts(): string[] {
  const list = screen.queryByRole('list', { name: 'Phone numbers in the filter' });
  if (!list) return [];
  return within(list)
    .getAllByRole('listitem')
    .map((item) => item.firstElementChild?.textContent ?? '');
}

function lastValue(onValue: ReturnType<typeof vi.fn<(next: PhoneEntry[]) => void>>): PhoneEntry[] {
  return onValue.mock.lastCall?.[0] ?? [];
}

const e164s = (entries: PhoneEntry[]) => entries.flatMap((entry) => (entry.kind === 'valid' ? [entry.e164] : []));

describe('PhoneChips', () => {
  it('counts a long pasted filter and shows it compactly: every entry to fix, the first numbers, Show all', async () => {
    const { user, input, onValue } = setup();
    const numbers = Array.from({ length: 500 }, (_, index) => `+1 415 555 ${String(index).padStart(4, '0')}`);
    await user.click(input);
    await user.paste([...numbers, 'nonsense'].join('\n'));
    expect(e164s(lastValue(onValue))).toHaveLength(500);
    expect(screen.getByText(/^500 numbers in the filter · 1 to fix/)).toBeInTheDocument();
    // 24 numbers and the one to fix, not a wall of 501 chips.
    expect(chipTexts()).toHaveLength(25);
    expect(chipTexts().some((text) => text.startsWith('nonsense'))).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Show all 500' }));
    expect(chipTexts()).toHaveLength(501);
  });

  it('is labelled by the form label and starts with no chips', () => {
    const { input } = setup();
    expect(input).toHaveAttribute('id', 'phones');
    expect(chipTexts()).toEqual([]);
    expect(input).toHaveAttribute('placeholder', expect.stringMatching(/All phone numbers/));
  });

  it('turns a pasted list into one chip per valid number, in international format, and an error chip with its reason', async () => {
    const { user, input, onValue } = setup();
    await user.click(input);
    await user.paste('+1 415 555 0100, +44 20 7946 0958\n(212) 555-0188; nonsense');

    expect(chipTexts()).toEqual([
      '+1 415 555 0100',
      '+44 20 7946 0958',
      '+1 212 555 0188',
      expect.stringContaining('nonsense'),
    ]);
    expect(e164s(lastValue(onValue))).toEqual(['+14155550100', '+442079460958', '+12125550188']);

    const list = screen.getByRole('list', { name: 'Phone numbers in the filter' });
    const errorChip = within(list)
      .getAllByRole('listitem')
      .find((item) => item.getAttribute('data-invalid') === 'true');
    expect(errorChip).toBeDefined();
    expect(errorChip).toHaveTextContent('nonsense');
    expect(errorChip).toHaveTextContent(/Not a phone number/);
    expect(screen.getByRole('button', { name: 'Remove nonsense' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit nonsense' })).toBeInTheDocument();
    // The pasted text became chips; none of it is left in the box.
    expect(input).toHaveValue('');
  });

  it('merges duplicates: the same number pasted twice is one chip', async () => {
    const { user, input, onValue } = setup();
    await user.click(input);
    await user.paste('+1 415 555 0100, +1 212 555 0188');
    await user.paste('+1 415 555 0100,');
    expect(chipTexts()).toEqual(['+1 415 555 0100', '+1 212 555 0188']);
    expect(e164s(lastValue(onValue))).toEqual(['+14155550100', '+12125550188']);
  });

  it('merges the same number written two ways (E.164 and national with the default country US)', async () => {
    const { user, input, onValue } = setup();
    await user.click(input);
    await user.paste('+14155550100\n(415) 555-0100');
    expect(chipTexts()).toEqual(['+1 415 555 0100']);
    expect(lastValue(onValue)).toEqual([{ kind: 'valid', e164: '+14155550100', display: '+1 415 555 0100' }]);
  });

  it('commits typed text on Enter', async () => {
    const { user, input, onValue } = setup();
    await user.type(input, '(415) 555-0100{Enter}');
    expect(chipTexts()).toEqual(['+1 415 555 0100']);
    expect(e164s(lastValue(onValue))).toEqual(['+14155550100']);
    expect(input).toHaveValue('');
  });

  it('commits typed text on comma, without leaving the comma in the box', async () => {
    const { user, input } = setup();
    await user.type(input, '+44 20 7946 0958,');
    expect(chipTexts()).toEqual(['+44 20 7946 0958']);
    expect(input).toHaveValue('');
    await user.type(input, '+1 212 555 0188;');
    expect(chipTexts()).toEqual(['+44 20 7946 0958', '+1 212 555 0188']);
  });

  it('commits typed text when the field loses focus, and reports the blur', async () => {
    const onBlur = vi.fn();
    const { user, input } = setup({ onBlur });
    await user.type(input, '212 555 0188');
    expect(chipTexts()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Somewhere else' }));
    expect(chipTexts()).toEqual(['+1 212 555 0188']);
    expect(onBlur).toHaveBeenCalled();
  });

  it('turns text into a chip on the first Tab and moves on with the second', async () => {
    const { user, input } = setup();
    await user.type(input, '+1 415 555 0100');
    await user.tab();
    expect(chipTexts()).toEqual(['+1 415 555 0100']);
    expect(input).toHaveFocus();
    await user.tab();
    expect(input).not.toHaveFocus();
  });

  it('shows an error chip with the reason for a number that is too short', async () => {
    const { user, input } = setup();
    await user.type(input, '555-0100{Enter}');
    const list = screen.getByRole('list', { name: 'Phone numbers in the filter' });
    expect(within(list).getByRole('listitem')).toHaveTextContent(/Wrong number of digits for United States \(\+1\)/);
  });

  it('does nothing on Enter with an empty box', async () => {
    const { user, input, onValue } = setup();
    await user.type(input, '   {Enter}');
    expect(chipTexts()).toEqual([]);
    expect(onValue).not.toHaveBeenCalled();
  });

  it('removes the last chip on Backspace in the empty box, but not while text is typed', async () => {
    const { user, input, onValue } = setup();
    await user.click(input);
    await user.paste('+1 415 555 0100, +44 20 7946 0958');
    expect(chipTexts()).toHaveLength(2);

    await user.type(input, '12');
    await user.keyboard('{Backspace}');
    expect(input).toHaveValue('1');
    expect(chipTexts()).toHaveLength(2);

    await user.keyboard('{Backspace}');
    expect(input).toHaveValue('');
    expect(chipTexts()).toHaveLength(2);

    await user.keyboard('{Backspace}');
    expect(chipTexts()).toEqual(['+1 415 555 0100']);
    expect(e164s(lastValue(onValue))).toEqual(['+14155550100']);
  });

  it("names the number in each chip's remove button, and removing drops only that chip", async () => {
    const { user, input, onValue } = setup();
    await user.click(input);
    await user.paste('+1 415 555 0100, +44 20 7946 0958');
    await user.click(screen.getByRole('button', { name: 'Remove +1 415 555 0100' }));
    expect(chipTexts()).toEqual(['+44 20 7946 0958']);
    expect(e164s(lastValue(onValue))).toEqual(['+442079460958']);
    expect(screen.queryByRole('button', { name: 'Remove +1 415 555 0100' })).not.toBeInTheDocument();
  });

  it('puts an error chip back in the box to be fixed with Edit', async () => {
    const { user, input } = setup();
    await user.type(input, '415 555 01{Enter}');
    await user.click(screen.getByRole('button', { name: 'Edit 415 555 01' }));
    expect(chipTexts()).toEqual([]);
    expect(input).toHaveValue('415 555 01');
    expect(input).toHaveFocus();
    await user.type(input, '00{Enter}');
    expect(chipTexts()).toEqual(['+1 415 555 0100']);
  });

  it('reads national numbers against the chosen default country', async () => {
    const { user, input, onValue } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: /Default country/ }), 'GB');
    await user.type(input, '020 7946 0958{Enter}');
    expect(chipTexts()).toEqual(['+44 20 7946 0958']);
    expect(e164s(lastValue(onValue))).toEqual(['+442079460958']);
  });

  it('adds one of "your lines" when clicked, and stops offering it', async () => {
    const suggestions = [
      { e164: '+14155550100', display: '+1 415 555 0100' },
      { e164: '+12125550188', display: '+1 212 555 0188' },
    ];
    const { user, onValue } = setup({ suggestions });
    expect(screen.getByText('Your lines:')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add +1 212 555 0188 to the filter' }));
    expect(chipTexts()).toEqual(['+1 212 555 0188']);
    expect(lastValue(onValue)).toEqual([{ kind: 'valid', e164: '+12125550188', display: '+1 212 555 0188' }]);
    expect(screen.queryByRole('button', { name: 'Add +1 212 555 0188 to the filter' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add +1 415 555 0100 to the filter' })).toBeInTheDocument();
  });

  it('does not offer a line already in the filter', () => {
    setup({
      initial: [{ kind: 'valid', e164: '+14155550100', display: '+1 415 555 0100' }],
      suggestions: [{ e164: '+14155550100', display: '+1 415 555 0100' }],
    });
    expect(screen.queryByRole('button', { name: /to the filter/ })).not.toBeInTheDocument();
    expect(screen.queryByText('Your lines:')).not.toBeInTheDocument();
  });
});
