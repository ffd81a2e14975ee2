/**
 * One spelling of every request path the console answers itself (the page, its assets,
 * `/__console/...`, `/auth/...`). RFC 3986 normalisation: percent-encoded unreserved characters
 * decoded (`%5F` and `%5f` are `_`), repeated slashes collapsed, dot segments removed. The entry
 * (app.ts) rewrites such a request's URL to this form before routing, so the router, the role
 * check and every guard read one path, and `/%5F%5Fconsole/activity` is answered exactly as
 * `/__console/activity` is. A path that names the API anywhere (a `v3` or `api` segment, any
 * case: `/assets/../v3/...`, `//evil.example/v3/...`) is left as it came: the proxy refuses anything
 * there that is not already plain (target.ts), and forwards only what it checked.
 */

const UNRESERVED_ESCAPE = /%([0-9A-Fa-f]{2})/g;
const API_NAMESPACE = /^\/(?:v3|api)(?:\/|$)/i;
const API_SEGMENT = /^(?:v3|api)$/i;

function decodeUnreserved(path: string): string {
  return path.replace(UNRESERVED_ESCAPE, (escape, hex: string) => {
    const character = String.fromCharCode(parseInt(hex, 16));
    return /^[A-Za-z0-9\-._~]$/.test(character) ? character : escape.toUpperCase();
  });
}

/** RFC 3986 5.2.4, on a path that starts with `/`; repeated slashes count as one. */
function removeDotSegments(path: string): string {
  const output: string[] = [];
  const segments = path.split('/').slice(1);
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '..') output.pop();
    if (segment === '.' || segment === '..') {
      if (last) output.push('');
      return;
    }
    if (segment === '' && !last) return;
    output.push(segment);
  });
  return `/${output.join('/')}`;
}

/** The normal form of a path (no query) that starts with `/`. */
export function canonicalPath(path: string): string {
  return removeDotSegments(decodeUnreserved(path));
}

/** True for paths the proxy owns (/v3, /api, any case): they are never rewritten. */
export function isApiNamespace(path: string): boolean {
  return API_NAMESPACE.test(canonicalPath(path.replace(/\\/g, '/')));
}

/**
 * The URL routing should see for a raw request target: the canonical path plus the query as it
 * came, or the target unchanged (API paths, anything that is not origin-form).
 */
export function routedUrl(rawTarget: string): string {
  if (!rawTarget.startsWith('/')) return rawTarget;
  const end = rawTarget.search(/[?#]/);
  const rawPath = end === -1 ? rawTarget : rawTarget.slice(0, end);
  if (rawPath.includes('\\')) return rawTarget;
  const namesApi = (value: string) => value.split('/').some((segment) => API_SEGMENT.test(segment));
  const path = canonicalPath(rawPath);
  if (namesApi(decodeUnreserved(rawPath)) || namesApi(path)) return rawTarget;
  return path === rawPath ? rawTarget : `${path}${end === -1 ? '' : rawTarget.slice(end)}`;
}
