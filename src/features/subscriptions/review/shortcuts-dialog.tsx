import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog';

/** `?`: every keyboard shortcut of the page (loaded on demand). */

const SHORTCUTS: [keys: string[], what: string][] = [
  [['/'], 'Focus the search box'],
  [['↓'], 'From the search box: into the table'],
  [['↑', '↓'], 'Previous or next row (also k and j)'],
  [['←', '→'], 'Previous or next control of a row (switch, copy, edit…)'],
  [['Home', 'End'], 'First or last row'],
  [['Page Up', 'Page Down'], 'Ten rows up or down'],
  [['Enter'], 'Open the focused row'],
  [['x'], 'Select or unselect the focused row (Shift-click a checkbox: a range)'],
  [['Space'], 'On a switch: turn the subscription on or off'],
  [['Ctrl', 'Enter'], 'In the drawer: save (⌘ Enter on a Mac)'],
  [['Esc'], 'Close the drawer or a dialog; on the page, clear the selection'],
  [['?'], 'This list'],
];

/** Mounted from the start, closed: a first `?` then opens it at once. */
export default function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onClose()}>
      <DialogContent>
        <DialogTitle>Keyboard shortcuts</DialogTitle>
        <DialogDescription>The table is one tab stop; inside it, the arrow keys move.</DialogDescription>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={what} className="contents">
              {/* Keys keep their size when the description beside them wraps. */}
              <dt className="flex items-start gap-1 self-start whitespace-nowrap">
                {keys.map((key) => (
                  <kbd
                    key={key}
                    className="rounded border border-line-strong bg-surface-muted px-1.5 font-mono text-xs text-fg"
                  >
                    {key}
                  </kbd>
                ))}
              </dt>
              <dd className="text-fg-soft">{what}</dd>
            </div>
          ))}
        </dl>
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button>Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
