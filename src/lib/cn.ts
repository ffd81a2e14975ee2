import { clsx, type ClassValue } from 'clsx';

/**
 * Joins class names. No class merging (tailwind-merge would cost 9 KB of the first bundle):
 * primitives take variants for size and colour, and callers add layout classes only.
 */
export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
