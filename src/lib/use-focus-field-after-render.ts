import { useCallback, useEffect, useRef, type RefObject } from 'react';

/**
 * Asks for a field of the form to be focused once the next render has committed (after a
 * reset, when the control that had focus is gone). The element itself is focused, found by its
 * name, in the commit's effect: react-hook-form's setFocus focuses in a later `setTimeout` (so
 * for a moment, and for whatever runs in between, focus is on the page), and finds nothing while
 * reset() has unregistered the fields. The wish is kept until focus has really landed.
 */
export function useFocusFieldAfterRender(form: RefObject<HTMLFormElement | null>, name: string): () => void {
  const wanted = useRef(false);
  useEffect(() => {
    if (!wanted.current) return;
    const field = form.current?.elements.namedItem(name);
    if (!(field instanceof HTMLElement)) return;
    field.focus();
    if (document.activeElement === field) wanted.current = false;
  });
  return useCallback(() => {
    wanted.current = true;
  }, []);
}
