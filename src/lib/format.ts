/** Counts in the browser's number format: "10,000" (en), "10.000" (de), "10 000" (fr). */
const counts = new Intl.NumberFormat();

export function formatCount(count: number): string {
  return counts.format(count);
}
