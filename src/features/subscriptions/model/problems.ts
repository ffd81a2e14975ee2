import type { PhoneNumber, Subscription } from '@contract/schemas';
import { EDITED_EVENT, EDITED_PAYLOAD_VERSION, payloadVersion } from './event-types';

/**
 * What makes a subscription need attention: each problem with a short reason for the table and
 * the fix the drawer offers. Rules that need the catalog or the account's lines are skipped
 * until those have loaded (a rule never guesses).
 */

export const PROBLEM_KINDS = ['edited-without-version', 'not-in-catalog', 'not-a-line'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** Each reason as the "Needs attention" filter names it. */
export const PROBLEM_NAMES: Record<ProblemKind, string> = {
  'edited-without-version': 'message.edited without ?version',
  'not-in-catalog': 'Types not in the catalog',
  'not-a-line': 'Numbers that are not your lines',
};

export interface Problem {
  kind: ProblemKind;
  /** A few words for the table row. */
  summary: string;
  /** A sentence for the tooltip and the drawer: what happens, and why. */
  detail: string;
  /** The event types or phone numbers the problem is about. */
  items: string[];
}

export interface ProblemContext {
  /** `GET /v3/webhook-events`; undefined while loading or when it failed. */
  catalog: readonly string[] | undefined;
  /** The account's lines; undefined while loading or when they failed. */
  lines: readonly PhoneNumber[] | undefined;
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/** The context read once for many subscriptions: the catalog and the lines as sets. */
interface PreparedContext {
  listed: ReadonlySet<string> | undefined;
  own: ReadonlySet<string> | undefined;
}

function prepare(context: ProblemContext): PreparedContext {
  return {
    listed: context.catalog && context.catalog.length > 0 ? new Set(context.catalog) : undefined,
    own: context.lines ? new Set(context.lines.map((line) => line.phone_number)) : undefined,
  };
}

export function findProblems(subscription: Subscription, context: ProblemContext): Problem[] {
  return problemsWith(subscription, prepare(context));
}

function problemsWith(subscription: Subscription, { listed, own }: PreparedContext): Problem[] {
  const problems: Problem[] = [];
  // The URL is parsed only for the subscriptions the rule is about (parsing is the costly part).
  const receivesEdited = subscription.subscribed_events.includes(EDITED_EVENT);
  const version = receivesEdited ? payloadVersion(subscription.target_url) : undefined;
  if (receivesEdited && version !== EDITED_PAYLOAD_VERSION) {
    problems.push({
      kind: 'edited-without-version',
      summary: 'No ?version for message.edited',
      detail: `message.edited is never delivered: Linq sends it only to URLs on the ${EDITED_PAYLOAD_VERSION} payload format (?version=${EDITED_PAYLOAD_VERSION}), and this URL ${version ? `asks for ${version}` : 'has no version'}.`,
      items: [EDITED_EVENT],
    });
  }
  if (listed) {
    const missing = subscription.subscribed_events.filter((type) => !listed.has(type));
    if (missing.length > 0) {
      problems.push({
        kind: 'not-in-catalog',
        summary: `${missing.length} ${plural(missing.length, 'type', 'types')} not in catalog`,
        detail: `${missing.join(', ')} ${plural(missing.length, 'is', 'are')} not in Linq's event catalog, so ${plural(missing.length, 'it', 'they')} may never be delivered.`,
        items: missing,
      });
    }
  }
  if (own && subscription.phone_numbers && subscription.phone_numbers.length > 0) {
    const foreign = subscription.phone_numbers.filter((phone) => !own.has(phone));
    if (foreign.length > 0) {
      problems.push({
        kind: 'not-a-line',
        summary: `${foreign.length} ${plural(foreign.length, 'number', 'numbers')} not your line${foreign.length === 1 ? '' : 's'}`,
        detail: `The phone filter names ${foreign.join(', ')}, which ${plural(foreign.length, 'is not one', 'are not')} of the account's lines: nothing is received for ${plural(foreign.length, 'it', 'them')}.`,
        items: foreign,
      });
    }
  }
  return problems;
}

/**
 * The problems of each subscription, computed once per subscription object for one context (the
 * table asks for every rendered row on every render; the filter asks for every subscription).
 */
export function problemFinder(context: ProblemContext): (subscription: Subscription) => Problem[] {
  const prepared = prepare(context);
  const cache = new WeakMap<Subscription, Problem[]>();
  return (subscription) => {
    let problems = cache.get(subscription);
    if (!problems) {
      problems = problemsWith(subscription, prepared);
      cache.set(subscription, problems);
    }
    return problems;
  };
}

/** Every event type or number that `reason` is about, over these subscriptions (what its bulk fix removes). */
export function itemsOfReason(
  reason: ProblemKind,
  subscriptions: readonly Subscription[],
  problemsOf: (subscription: Subscription) => Problem[],
): string[] {
  const items = new Set<string>();
  for (const subscription of subscriptions) {
    for (const problem of problemsOf(subscription))
      if (problem.kind === reason) for (const item of problem.items) items.add(item);
  }
  return [...items];
}
