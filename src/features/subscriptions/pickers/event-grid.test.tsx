import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Sheet, SheetContent, SheetTitle } from '@/components/ui/sheet';
import { EventGrid } from './event-grid';

const catalog = ['message.sent', 'message.received', 'message.read', 'reaction.added', 'chat.created'];
/** What the subscription had when the drawer opened: one catalog type, one the catalog lacks, one never seen. */
const carried = ['message.sent', 'call.initiated', 'invoice.paid'];

function Harness({ initial, onValue }: { initial: string[]; onValue: (next: string[]) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <h3 id="events-heading">Event types</h3>
      <EventGrid
        labelledBy="events-heading"
        catalog={catalog}
        carried={carried}
        value={value}
        onChange={(next) => {
          setValue(next);
          onValue(next);
        }}
      />
    </>
  );
}

function setup(initial: string[] = carried) {
  const user = userEvent.setup({ delay: null });
  const onValue = vi.fn<(next: string[]) => void>();
  const view = render(<Harness initial={initial} onValue={onValue} />);
  return { user, onValue, rerender: () => view.rerender(<Harness initial={initial} onValue={onValue} />) };
}

/** The grid as the drawer holds it: inside a form, inside a Radix Dialog. */
function setupInDrawer() {
  const user = userEvent.setup({ delay: null });
  const onOpenChange = vi.fn<(open: boolean) => void>();
  const onSubmit = vi.fn((event: { preventDefault: () => void }) => event.preventDefault());
  render(
    <Sheet open onOpenChange={onOpenChange}>
      <SheetContent aria-describedby={undefined}>
        <SheetTitle>Edit subscription</SheetTitle>
        <form onSubmit={onSubmit}>
          <Harness initial={carried} onValue={() => {}} />
          <button type="submit">Save</button>
        </form>
      </SheetContent>
    </Sheet>,
  );
  return { user, onOpenChange, onSubmit, filter: screen.getByRole('searchbox', { name: 'Filter event types' }) };
}

const checkbox = (type: string) => screen.getByRole('checkbox', { name: new RegExp(type.replace(/\./g, '\\.')) });
const groupCheckbox = (label: string) => screen.getByRole('checkbox', { name: new RegExp(`^All ${label} events`) });
const group = (label: string) => screen.getByRole('group', { name: `${label} events` });

describe('EventGrid', () => {
  it("names each checkbox with the event type's label and its raw type", () => {
    setup();
    expect(screen.getByRole('checkbox', { name: /^Message sent\s+message\.sent/ })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /^Chat created\s+chat\.created/ })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /^Invoice paid\s+invoice\.paid/ })).toBeInTheDocument();
  });

  it('shows the selection of each type', () => {
    setup();
    expect(checkbox('message.sent')).toBeChecked();
    expect(checkbox('message.received')).not.toBeChecked();
    expect(checkbox('reaction.added')).not.toBeChecked();
  });

  it('shows carried types outside the catalog, checked and marked "not in catalog", in their own groups', () => {
    setup();
    expect(checkbox('call.initiated')).toBeChecked();
    expect(checkbox('call.initiated')).toHaveAccessibleName(/not in catalog/);
    expect(checkbox('invoice.paid')).toBeChecked();
    expect(checkbox('invoice.paid')).toHaveAccessibleName(/not in catalog/);
    expect(checkbox('message.sent')).not.toHaveAccessibleName(/not in catalog/);
    expect(within(group('Calls')).getByRole('checkbox', { name: /call\.initiated/ })).toBeInTheDocument();
    expect(within(group('Invoice')).getByRole('checkbox', { name: /invoice\.paid/ })).toBeInTheDocument();
  });

  it('orders groups: documented ones first, a never-seen prefix last', () => {
    setup();
    // The grid itself is a group too (named by its heading); each event group is a fieldset.
    const fieldsets = screen.getAllByRole('group').filter((element) => element.tagName === 'FIELDSET');
    const legends = fieldsets.map((element) => element.querySelector('legend')?.textContent);
    expect(legends).toEqual(['Messages events', 'Reactions events', 'Chats events', 'Calls events', 'Invoice events']);
  });

  it('counts selected types overall and per group', () => {
    setup();
    expect(screen.getByText('3 of 7 selected')).toBeInTheDocument();
    expect(within(group('Messages')).getByText('1 of 3')).toBeInTheDocument();
    expect(within(group('Reactions')).getByText('0 of 1')).toBeInTheDocument();
    expect(within(group('Calls')).getByText('1 of 1')).toBeInTheDocument();
  });

  it('marks a group checkbox mixed when some are selected, checked when all, unchecked when none', () => {
    setup();
    expect(groupCheckbox('Messages')).toHaveAttribute('aria-checked', 'mixed');
    expect(groupCheckbox('Calls')).toHaveAttribute('aria-checked', 'true');
    expect(groupCheckbox('Reactions')).toHaveAttribute('aria-checked', 'false');
  });

  it('selects the whole group from mixed, then clears it', async () => {
    const { user, onValue } = setup();
    await user.click(groupCheckbox('Messages'));
    expect(groupCheckbox('Messages')).toHaveAttribute('aria-checked', 'true');
    expect(checkbox('message.received')).toBeChecked();
    expect(checkbox('message.read')).toBeChecked();
    expect(within(group('Messages')).getByText('3 of 3')).toBeInTheDocument();
    expect(onValue).toHaveBeenLastCalledWith([
      'message.sent',
      'message.received',
      'message.read',
      'call.initiated',
      'invoice.paid',
    ]);

    await user.click(groupCheckbox('Messages'));
    expect(groupCheckbox('Messages')).toHaveAttribute('aria-checked', 'false');
    expect(checkbox('message.sent')).not.toBeChecked();
    expect(onValue).toHaveBeenLastCalledWith(['call.initiated', 'invoice.paid']);
    // Other groups are untouched.
    expect(checkbox('call.initiated')).toBeChecked();
  });

  it('selects an empty group with its group checkbox', async () => {
    const { user } = setup();
    await user.click(groupCheckbox('Reactions'));
    expect(checkbox('reaction.added')).toBeChecked();
    expect(groupCheckbox('Reactions')).toHaveAttribute('aria-checked', 'true');
  });

  it('toggles one type and reports the selection in grid order', async () => {
    const { user, onValue } = setup();
    await user.click(checkbox('chat.created'));
    await user.click(checkbox('message.read'));
    expect(checkbox('message.read')).toBeChecked();
    expect(onValue).toHaveBeenLastCalledWith([
      'message.sent',
      'message.read',
      'chat.created',
      'call.initiated',
      'invoice.paid',
    ]);
    expect(screen.getByText('5 of 7 selected')).toBeInTheDocument();
    expect(groupCheckbox('Messages')).toHaveAttribute('aria-checked', 'mixed');
  });

  it('keeps a type outside the catalog listed after it is unticked, so it can be ticked again', async () => {
    const { user, onValue, rerender } = setup();
    await user.click(checkbox('call.initiated'));
    expect(onValue).toHaveBeenLastCalledWith(['message.sent', 'invoice.paid']);
    rerender();
    expect(checkbox('call.initiated')).not.toBeChecked();
    expect(checkbox('call.initiated')).toHaveAccessibleName(/not in catalog/);
    expect(screen.getByText('2 of 7 selected')).toBeInTheDocument();
    await user.click(checkbox('call.initiated'));
    expect(checkbox('call.initiated')).toBeChecked();
  });

  it('selects all and clears all, each disabled when it has nothing to do', async () => {
    const { user, onValue } = setup();
    const selectAll = screen.getByRole('button', { name: 'Select all' });
    const clearAll = screen.getByRole('button', { name: 'Clear all' });

    await user.click(selectAll);
    expect(onValue).toHaveBeenLastCalledWith([
      'message.sent',
      'message.received',
      'message.read',
      'reaction.added',
      'chat.created',
      'call.initiated',
      'invoice.paid',
    ]);
    expect(screen.getByText('7 of 7 selected')).toBeInTheDocument();
    expect(selectAll).toBeDisabled();
    expect(screen.getAllByRole('checkbox').every((element) => element.getAttribute('aria-checked') === 'true')).toBe(
      true,
    );

    await user.click(clearAll);
    expect(onValue).toHaveBeenLastCalledWith([]);
    expect(screen.getByText('0 of 7 selected')).toBeInTheDocument();
    expect(clearAll).toBeDisabled();
    // Cleared types the subscription carried stay on screen.
    expect(checkbox('invoice.paid')).not.toBeChecked();
  });

  it('narrows the list with the filter box, by raw type, by label and by group', async () => {
    const { user } = setup();
    const filter = screen.getByRole('searchbox', { name: 'Filter event types' });

    await user.type(filter, 'received');
    expect(screen.getByRole('checkbox', { name: /message\.received/ })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /message\.sent/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /reaction\.added/ })).not.toBeInTheDocument();

    await user.clear(filter);
    await user.type(filter, 'Invoice paid');
    expect(screen.getAllByRole('checkbox', { name: /invoice\.paid/ })).toHaveLength(1);
    expect(screen.queryByRole('checkbox', { name: /message\./ })).not.toBeInTheDocument();

    await user.clear(filter);
    await user.type(filter, 'reactions');
    expect(screen.getByRole('checkbox', { name: /reaction\.added/ })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /chat\.created/ })).not.toBeInTheDocument();

    // Counts stay those of the whole grid.
    expect(screen.getByText('3 of 7 selected')).toBeInTheDocument();
  });

  it('says so when the filter matches nothing', async () => {
    const { user } = setup();
    await user.type(screen.getByRole('searchbox', { name: 'Filter event types' }), 'zzz');
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.getByText('No event type matches “zzz”.')).toBeInTheDocument();
  });

  it('does not change the selection of hidden types when one visible type is ticked', async () => {
    const { user, onValue } = setup();
    await user.type(screen.getByRole('searchbox', { name: 'Filter event types' }), 'read');
    await user.click(checkbox('message.read'));
    expect(onValue).toHaveBeenLastCalledWith(['message.sent', 'message.read', 'call.initiated', 'invoice.paid']);
  });

  it('with a filter, selects and clears only the types shown, and says so', async () => {
    const { user, onValue } = setup();
    const filter = screen.getByRole('searchbox', { name: 'Filter event types' });

    await user.type(filter, 'chat');
    expect(screen.queryByRole('button', { name: 'Select all' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear all' })).not.toBeInTheDocument();
    const selectShown = screen.getByRole('button', { name: 'Select shown' });
    const clearShown = screen.getByRole('button', { name: 'Clear shown' });
    // chat.created, the one type shown, is not selected.
    expect(clearShown).toBeDisabled();

    await user.click(selectShown);
    expect(onValue).toHaveBeenLastCalledWith(['message.sent', 'chat.created', 'call.initiated', 'invoice.paid']);
    expect(selectShown).toBeDisabled();

    await user.clear(filter);
    await user.type(filter, 'message');
    await user.click(screen.getByRole('button', { name: 'Clear shown' }));
    // Hidden types keep their state.
    expect(onValue).toHaveBeenLastCalledWith(['chat.created', 'call.initiated', 'invoice.paid']);

    await user.clear(filter);
    expect(screen.getByRole('button', { name: 'Select all' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Clear all' })).toBeEnabled();
    expect(checkbox('message.sent')).not.toBeChecked();
    expect(checkbox('chat.created')).toBeChecked();
    expect(checkbox('call.initiated')).toBeChecked();
    expect(checkbox('invoice.paid')).toBeChecked();
    expect(screen.getByText('3 of 7 selected')).toBeInTheDocument();
  });

  it('disables "Select shown" and "Clear shown" when the filter matches nothing', async () => {
    const { user } = setup();
    await user.type(screen.getByRole('searchbox', { name: 'Filter event types' }), 'zzz');
    expect(screen.getByRole('button', { name: 'Select shown' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Clear shown' })).toBeDisabled();
  });

  describe('in the drawer', () => {
    it('does not submit the form when Enter is pressed in the filter', async () => {
      const { user, onSubmit, onOpenChange, filter } = setupInDrawer();
      await user.type(filter, 'chat{Enter}');
      expect(onSubmit).not.toHaveBeenCalled();
      expect(onOpenChange).not.toHaveBeenCalled();
      expect(filter).toHaveValue('chat');
    });

    it('clears the filter on Escape without closing the drawer, and closes it on Escape once the filter is empty', async () => {
      const { user, onOpenChange, filter } = setupInDrawer();
      await user.type(filter, 'chat');
      expect(screen.queryByRole('checkbox', { name: /message\.sent/ })).not.toBeInTheDocument();

      await user.keyboard('{Escape}');
      expect(filter).toHaveValue('');
      expect(filter).toHaveFocus();
      expect(checkbox('message.sent')).toBeInTheDocument();
      expect(onOpenChange).not.toHaveBeenCalled();

      await user.keyboard('{Escape}');
      expect(onOpenChange).toHaveBeenCalledWith(false);
    });
  });
});
