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
  figures.push({ name, value: Math.round(value * 100) / 100, unit, budget, ok });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
