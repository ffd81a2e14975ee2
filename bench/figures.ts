/** The figures `npm run bench` prints, each beside its budget (bench/run.ts). */

export interface Figure {
  name: string;
  value: number;
  unit: string;
  budget: string;
  ok: boolean;
}
export const figures: Figure[] = [];
export function record(name: string, value: number, unit: string, budget: string, ok: boolean) {
  // Two decimals, except for a small non-zero value (a CLS of 0.0004), which keeps its first digits.
  const shown = value !== 0 && Math.abs(value) < 0.01 ? Number(value.toPrecision(2)) : Math.round(value * 100) / 100;
  figures.push({ name, value: shown, unit, budget, ok });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
