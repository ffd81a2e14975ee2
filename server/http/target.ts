import { LINQ_ENDPOINTS, PATH_PARAMETER, fillPath, matchPath, type HttpMethod } from '../../contract/endpoints.ts';

/**
 * Which requests may leave the machine. The method+path pairs of LINQ_ENDPOINTS
 * (contract/endpoints.ts) are the whole list; the path they are checked on is the raw request
 * target, and the upstream path is rebuilt here from the validated pieces, so what was checked is
 * exactly what is sent.
 */

export type ForwardMethod = HttpMethod;

export type TargetDecision =
  /** Not an API path: the console answers it itself (the page, its assets, `/__console/...`). */
  | { kind: 'page' }
  /** One of the endpoint table's pairs; `path` is the upstream path below the base URL, query dropped. */
  | { kind: 'forward'; method: ForwardMethod; path: string }
  /** Not origin-form, malformed encoding, `..`, `//`, backslashes, control characters. */
  | { kind: 'bad-target' }
  /** Under /v3 or /api but not one of the endpoints. */
  | { kind: 'not-found' }
  /** A known endpoint asked with a method it does not take. */
  | { kind: 'method-not-allowed'; allow: string };

interface Route {
  pattern: string;
  methods: ForwardMethod[];
}

/** The endpoint table grouped by path pattern: each pattern with the methods it takes. */
const ROUTES: readonly Route[] = Object.values(LINQ_ENDPOINTS).reduce<Route[]>((routes, endpoint) => {
  const route = routes.find((entry) => entry.pattern === endpoint.path);
  if (route) route.methods.push(endpoint.method);
  else routes.push({ pattern: endpoint.path, methods: [endpoint.method] });
  return routes;
}, []);

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

/** The endpoint path with every `{name}` segment decoded once and checked, or undefined. */
function checkedPath(pattern: string, rawPath: string): string | undefined {
  const raw = matchPath(pattern, rawPath);
  if (!raw) return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    const decoded = decodeOnce(value);
    if (decoded === undefined || !PATH_PARAMETER.test(decoded)) return undefined;
    parameters[name] = decoded;
  }
  // Re-emitted from the validated characters, never copied from the raw target.
  return fillPath(pattern, parameters);
}

export function resolveTarget(method: string, rawTarget: string): TargetDecision {
  const rawPath = plainPath(rawTarget);
  if (rawPath === undefined) return { kind: 'bad-target' };
  if (!isApiPath(rawPath)) return { kind: 'page' };

  for (const route of ROUTES) {
    const path = checkedPath(route.pattern, rawPath);
    if (path === undefined) continue;
    const forwardMethod = route.methods.find((allowed) => allowed === method);
    if (forwardMethod === undefined) return { kind: 'method-not-allowed', allow: route.methods.join(', ') };
    return { kind: 'forward', method: forwardMethod, path };
  }
  return { kind: 'not-found' };
}
