/**
 * The key never reaches a client, even when the upstream echoes it (`401 {"message":"Invalid
 * token Bearer <key>"}`): every spelling of it in an answer, in the body or a passed-on header,
 * is replaced by REDACTED. The spellings are the key itself and its JSON string form (a JSON
 * encoder escapes `"` and `\`). The body is whole by then (upstream.ts buffers it), so a key split
 * over chunks is found too. An answer that would still hold the key after that (only a key so
 * short that REDACTED spells it) is refused by the caller.
 */

export const REDACTED = '[redacted]';

function replaceAll(buffer: Buffer, needle: Buffer, replacement: Buffer): Buffer {
  let at = buffer.indexOf(needle);
  if (at === -1) return buffer;
  const parts: Buffer[] = [];
  let from = 0;
  while (at !== -1) {
    parts.push(buffer.subarray(from, at), replacement);
    from = at + needle.length;
    at = buffer.indexOf(needle, from);
  }
  parts.push(buffer.subarray(from));
  return Buffer.concat(parts);
}

export function keyRedactor(apiKey: string) {
  // The key is visible ASCII (proxy.ts checks it), so a string match is a byte match.
  const spellings = [...new Set([apiKey, JSON.stringify(apiKey).slice(1, -1)])];
  const needles = spellings.map((spelling) => Buffer.from(spelling));
  const replacement = Buffer.from(REDACTED);

  /** The body without the key, or undefined if it cannot be removed. */
  function body(buffer: Buffer): Buffer | undefined {
    const result = needles.reduce((text, needle) => replaceAll(text, needle, replacement), buffer);
    // Nothing replaced (the usual case): one scan per spelling is all it costs.
    if (result === buffer) return buffer;
    return needles.some((needle) => result.includes(needle)) ? undefined : result;
  }

  function text(value: string): string | undefined {
    if (!spellings.some((spelling) => value.includes(spelling))) return value;
    const result = spellings.reduce((current, spelling) => current.replaceAll(spelling, REDACTED), value);
    return spellings.some((spelling) => result.includes(spelling)) ? undefined : result;
  }

  /** The headers without the key, or undefined if it cannot be removed. */
  function headers(values: Record<string, string | string[]>): Record<string, string | string[]> | undefined {
    const clean: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(values)) {
      const redacted = (Array.isArray(value) ? value : [value]).map(text);
      if (!redacted.every((entry): entry is string => entry !== undefined)) return undefined;
      clean[name] = Array.isArray(value) ? redacted : (redacted[0] ?? '');
    }
    return clean;
  }

  return { body, headers };
}
