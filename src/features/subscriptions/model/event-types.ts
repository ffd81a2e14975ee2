/**
 * Event types as the console shows them. Types are plain strings: a type never seen before
 * gets a label and a group like any other (contract/CONTRACT.md, "Event types").
 */

/** The group of a type is the text before its first dot. */
export function eventGroup(type: string): string {
  const dot = type.indexOf('.');
  return dot === -1 ? type : type.slice(0, dot);
}

const GROUP_LABELS: Record<string, string> = {
  message: 'Messages',
  reaction: 'Reactions',
  participant: 'Participants',
  chat: 'Chats',
  call: 'Calls',
  phone_number: 'Phone lines',
  location: 'Location sharing',
};

function sentenceCase(words: string): string {
  const text = words.replace(/[._]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function groupLabel(group: string): string {
  return GROUP_LABELS[group] ?? sentenceCase(group);
}

/** "message.sent" → "Message sent"; "chat.typing_indicator.started" → "Chat typing indicator started". */
export function eventLabel(type: string): string {
  return sentenceCase(type);
}

/** The documented groups first, in a fixed order; any other prefix after them, alphabetically. */
const KNOWN_GROUP_ORDER = ['message', 'reaction', 'participant', 'chat', 'call', 'phone_number', 'location'];

export interface EventGroup {
  group: string;
  label: string;
  /** Types in this group: catalog order first, then types only the subscription carries. */
  types: { type: string; inCatalog: boolean }[];
}

export function groupEventTypes(catalog: readonly string[], carried: readonly string[]): EventGroup[] {
  const inCatalog = new Set(catalog);
  const all = [...catalog, ...carried.filter((type) => !inCatalog.has(type)).sort()];
  const groups = new Map<string, EventGroup>();
  for (const type of all) {
    const group = eventGroup(type);
    let entry = groups.get(group);
    if (!entry) {
      entry = { group, label: groupLabel(group), types: [] };
      groups.set(group, entry);
    }
    if (!entry.types.some((existing) => existing.type === type))
      entry.types.push({ type, inCatalog: inCatalog.has(type) });
  }
  const rank = (group: string) => {
    const index = KNOWN_GROUP_ORDER.indexOf(group);
    return index === -1 ? KNOWN_GROUP_ORDER.length : index;
  };
  return [...groups.values()].sort((a, b) => rank(a.group) - rank(b.group) || a.group.localeCompare(b.group));
}

/** `message.edited` is delivered only to subscriptions on the 2026-02-03 payload format. */
export const EDITED_EVENT = 'message.edited';
export const EDITED_PAYLOAD_VERSION = '2026-02-03';

export function payloadVersion(targetUrl: string): string | undefined {
  // No query, no version: most URLs are answered without parsing them.
  if (!targetUrl.includes('?')) return undefined;
  try {
    return new URL(targetUrl).searchParams.get('version') ?? undefined;
  } catch {
    return undefined;
  }
}

/** The target URL with `?version=2026-02-03` set, keeping everything else. */
export function withPayloadVersion(targetUrl: string, version = EDITED_PAYLOAD_VERSION): string {
  try {
    const url = new URL(targetUrl);
    url.searchParams.set('version', version);
    return url.toString();
  } catch {
    return targetUrl;
  }
}
