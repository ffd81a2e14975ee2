/**
 * A message as a sentence, so it can be followed by another: server messages often lack the
 * final stop ("Internal server error"), and joined as they are they run into the next sentence.
 */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return /[.!?…]["'”’)]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
