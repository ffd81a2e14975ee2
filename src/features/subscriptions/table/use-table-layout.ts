import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Where the table's rows start on the page (the virtualiser's scroll margin), how wide the URL
 * and events columns are; measured again whenever the page's layout changes size (a banner above
 * the table, a narrower window).
 */
export function useTableLayout(
  body: RefObject<HTMLTableSectionElement | null>,
  headers: RefObject<(HTMLTableCellElement | null)[]>,
) {
  const [scrollMargin, setScrollMargin] = useState(0);
  const [urlWidth, setUrlWidth] = useState(0);
  const [eventsWidth, setEventsWidth] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      setScrollMargin(body.current ? body.current.getBoundingClientRect().top + window.scrollY : 0);
      // Less the cell's padding (20), the copy button and its gap (36) and 2 px for rounding.
      setUrlWidth(Math.max(0, (headers.current[1]?.clientWidth ?? 0) - 20 - 36 - 2));
      setEventsWidth(headers.current[3]?.clientWidth ?? 0);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [body, headers]);
  return { scrollMargin, urlWidth, eventsWidth };
}
