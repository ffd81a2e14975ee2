/**
 * The key never reaches a client or the journal, even when the upstream echoes it (`401
 * {"message":"Invalid token Bearer <key>"}`), in whatever spelling a reader would decode: as it
 * is, as a JSON string writes it (`\/` for `/`, `\uXXXX` escapes), or percent-encoded (either case
 * of hex digits, encoded more than once). A JSON answer is judged by its parsed strings, names and
 * values alike; a string that holds the key (once decoded) is replaced by its decoded text with the
 * key as REDACTED, and only then is the answer written out again. Answers that hold no key in any
 * form pass byte for byte. Headers are judged the same way. An answer that would still hold the
 * key after that is refused by the caller.
 */

export const REDACTED = '[redacted]';

/** Percent-decoding rounds tried on one string (`%252F` is `/` after two). */
const DECODE_ROUNDS = 3;
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;
/** How many decodings deep a spelling is followed. */
const MAX_DEPTH = 4;

function percentDecoded(value: string): string[] {
  const forms: string[] = [];
  let current = value;
  for (let round = 0; round < DECODE_ROUNDS && PERCENT_ESCAPE.test(current); round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      // Not all of it is UTF-8: decode the escapes one byte at a time (ASCII is what a key is made of).
      next = current.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
        const code = parseInt(hex, 16);
        return code < 0x80 ? String.fromCharCode(code) : escape;
      });
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/** `\/`, `\"`, `\uXXXX` … read as a JSON string reads them, or undefined when it is not one. */
function jsonUnescaped(value: string): string | undefined {
  if (!value.includes('\\')) return undefined;
  try {
    const parsed: unknown = JSON.parse(`"${value.replace(/"/g, '\\"')}"`);
    return typeof parsed === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function keyRedactor(apiKey: string) {
  // The key is visible ASCII (proxy.ts checks it).
  const rawKey = Buffer.from(apiKey);

  /** Every other form a reader may decode the text to (bounded: each form is shorter than the last). */
  const decodedForms = (value: string) =>
    [...percentDecoded(value), jsonUnescaped(value)].filter(
      (form): form is string => form !== undefined && form !== value,
    );

  /** Whether the text holds the key in any spelling this module reads. */
  function holdsKey(value: string, depth = 0): boolean {
    if (value.includes(apiKey)) return true;
    // Without a `%` or a `\` there is no other form to read (most strings of an answer).
    if (!value.includes('%') && !value.includes('\\')) return false;
    return depth < MAX_DEPTH && decodedForms(value).some((form) => holdsKey(form, depth + 1));
  }

  /** Whether any string or member name of a parsed JSON value holds the key: one walk, no copy. */
  function jsonHoldsKey(value: unknown): boolean {
    if (typeof value === 'string') return holdsKey(value);
    if (Array.isArray(value)) return value.some(jsonHoldsKey);
    if (value === null || typeof value !== 'object') return false;
    for (const [name, entry] of Object.entries(value)) if (holdsKey(name) || jsonHoldsKey(entry)) return true;
    return false;
  }

  /**
   * The string with the key removed from every decoded form of it, or the string itself when none
   * holds it. (A key so short that REDACTED spells it stays in, and the caller refuses the answer.)
   */
  function cleanString(value: string, depth = 0): string {
    const current = value.replaceAll(apiKey, REDACTED);
    if (depth >= MAX_DEPTH) return current;
    const decoded = decodedForms(current).find((form) => holdsKey(form));
    return decoded === undefined ? current : cleanString(decoded, depth + 1);
  }

  /** A parsed JSON value with every string (and member name) cleaned; `changed` says whether any was. */
  function cleanJson(value: unknown, changed: { any: boolean }): unknown {
    if (typeof value === 'string') {
      const clean = cleanString(value);
      if (clean !== value) changed.any = true;
      return clean;
    }
    if (Array.isArray(value)) return value.map((entry) => cleanJson(entry, changed));
    if (value === null || typeof value !== 'object') return value;
    const copy: Record<string, unknown> = {};
    for (const [name, entry] of Object.entries(value)) {
      const cleanName = cleanString(name);
      if (cleanName !== name) changed.any = true;
      copy[cleanName] = cleanJson(entry, changed);
    }
    return copy;
  }

  /** The body without the key, or undefined if it cannot be removed. */
  function body(buffer: Buffer): Buffer | undefined {
    // No escape of any kind and no key: nothing a reader could decode to it (the usual case).
    if (!buffer.includes(rawKey) && !buffer.includes('\\') && !buffer.includes('%')) return buffer;
    const text = buffer.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON after all: pass it only if no spelling of the key is in it.
      return holdsKey(text) || holdsKey(text.replace(/\\\//g, '/')) ? undefined : buffer;
    }
    // The usual answer with an escape somewhere holds no key: it is only read, never rebuilt.
    if (!jsonHoldsKey(parsed)) return buffer;
    const changed = { any: false };
    const clean = cleanJson(parsed, changed);
    if (!changed.any) return buffer;
    const result = JSON.stringify(clean);
    return holdsKey(result) ? undefined : Buffer.from(result);
  }

  /** The headers without the key, or undefined if it cannot be removed. */
  function headers(values: Record<string, string | string[]>): Record<string, string | string[]> | undefined {
    const clean: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(values)) {
      const redacted = (Array.isArray(value) ? value : [value]).map(cleanString);
      if (redacted.some(holdsKey)) return undefined;
      clean[name] = Array.isArray(value) ? redacted : (redacted[0] ?? '');
    }
    return clean;
  }

  return { body, headers };
}
