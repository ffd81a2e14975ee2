import { useEffect } from 'react';

/** Where typing means text, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.closest('input, textarea, select, [role="textbox"]') !== null)
  );
}

/**
 * `/` focuses the search box, `?` lists the shortcuts, Escape clears the selection; none of them
 * while typing or while a dialog is open (Escape there is the dialog's, or the search box's).
 */
export function usePageShortcuts({
  onSearch,
  onHelp,
  onEscape,
}: {
  onSearch: () => void;
  onHelp: () => void;
  onEscape: () => void;
}): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
      if (event.key === '/') {
        event.preventDefault();
        onSearch();
      } else if (event.key === '?') {
        event.preventDefault();
        onHelp();
      } else if (event.key === 'Escape') {
        onEscape();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onSearch, onHelp, onEscape]);
}
