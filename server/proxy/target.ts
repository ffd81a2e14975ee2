/**
 * Which requests may leave the machine. The seven method+path pairs of CONTRACT.md are the
 * whole list; the path they are checked on is the raw request target, and the upstream path
 * is rebuilt here from the validated pieces, so what was checked is exactly what is sent.
 */

export type ForwardMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type TargetDecision =
  /** Not an API path: the page (or its assets) answers it. */
  | { kind: 'page' }
  /** One of the seven pairs; `path` is the upstream path below the base URL, query dropped. */
  | { kind: 'forward'; method: ForwardMethod; path: string }
  /** Not origin-form, malformed encoding, `..`, `//`, backslashes, control characters. */
  | { kind: 'bad-target' }
  /** Under /v3 or /api but not one of the endpoints. */
  | { kind: 'not-found' }
  /** A known endpoint asked with a method it does not take. */
  | { kind: 'method-not-allowed'; allow: string };

/** Linq ids are UUIDs; this is wider on purpose but can never carry `/`, `.`, `%` or `\`. */
export const SUBSCRIPTION_ID = /^[A-Za-z0-9_-]{1,128}$/;

const COLLECTION = '/v3/webhook-subscriptions';
const STATIC_ENDPOINTS: ReadonlyMap<string, readonly ForwardMethod[]> = new Map([
  [COLLECTION, ['GET', 'POST']],
  ['/v3/webhook-events', ['GET']],
  ['/v3/phone_numbers', ['GET']],
]);
const ITEM_METHODS: readonly ForwardMethod[] = ['GET', 'PUT', 'DELETE'];

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const API_NAMESPACE = /^\/(?:v3|api)(?:\/|$)/i;

function decodeOnce(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Splits a raw request target into its path, or undefined when it is not a plain origin-form path. */
function plainPath(rawTarget: string): string | undefined {
  // Absolute-form (`http://evil.example/v3/…`), asterisk-form and `//host` targets are refused
  // outright rather than normalised: there is no reading of them the proxy needs.
  if (!rawTarget.startsWith('/') || rawTarget.startsWith('//')) return undefined;
  const end = rawTarget.search(/[?#]/);
  const rawPath = end === -1 ? rawTarget : rawTarget.slice(0, end);
  const decoded = decodeOnce(rawPath);
  if (decoded === undefined) return undefined;
  if (decoded.includes('\\') || decoded.includes('//') || CONTROL_CHARACTERS.test(decoded)) return undefined;
  if (decoded.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  return rawPath;
}

/** True for paths the proxy owns (/v3, /api, any case, after one decode): they never fall back to the page. */
export function isApiPath(rawTarget: string): boolean {
  const end = rawTarget.search(/[?#]/);
  const rawPath = end === -1 ? rawTarget : rawTarget.slice(0, end);
  const decoded = decodeOnce(rawPath) ?? rawPath;
  return API_NAMESPACE.test(decoded.replace(/[\\/]+/g, '/'));
}

export function resolveTarget(method: string, rawTarget: string): TargetDecision {
  const rawPath = plainPath(rawTarget);
  if (rawPath === undefined) return { kind: 'bad-target' };
  if (!isApiPath(rawPath)) return { kind: 'page' };

  let path: string | undefined;
  let methods: readonly ForwardMethod[] | undefined = STATIC_ENDPOINTS.get(rawPath);
  if (methods) {
    path = rawPath;
  } else if (rawPath.startsWith(`${COLLECTION}/`)) {
    const rawId = rawPath.slice(COLLECTION.length + 1);
    const id = rawId.includes('/') ? undefined : decodeOnce(rawId);
    if (id !== undefined && SUBSCRIPTION_ID.test(id)) {
      // The id is re-emitted from the validated characters, never copied from the raw target.
      path = `${COLLECTION}/${id}`;
      methods = ITEM_METHODS;
    }
  }
  if (path === undefined || methods === undefined) return { kind: 'not-found' };

  const forwardMethod = methods.find((allowed) => allowed === method);
  if (forwardMethod === undefined) return { kind: 'method-not-allowed', allow: methods.join(', ') };
  return { kind: 'forward', method: forwardMethod, path };
}
