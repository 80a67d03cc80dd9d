// The route table: which handler answers which method and path (after `/v1`, without `.json`),
// assembled from the fake resources' rows (resources/index.ts). A route's pattern, prefixed with its
// method, is its key in the server's statistics.
import type { Handler } from './resources/context';
import { RESOURCES } from './resources/index';

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
}

// First match wins, so at each position a fixed segment (`statuses`, `my_active`, ...) sorts before
// a parameter (`:number`); rows are otherwise kept in the resources' order (the sort is stable).
const shape = (segments: string[]): string => segments.map((s) => (s.startsWith(':') ? '1' : '0')).join('');
const ROUTES: Route[] = RESOURCES.flatMap((r) => r.routes)
  .map(([method, pattern, handler]) => ({ method, pattern, segments: pattern.split('/').slice(1), handler }))
  .sort((a, b) => {
    const [x, y] = [shape(a.segments), shape(b.segments)];
    return x < y ? -1 : x > y ? 1 : 0;
  });

// Numeric parameters only match digits, so `/tickets/abc` is no route at all.
const NUMERIC = new Set([':id', ':number']);

export interface RouteMatch {
  /** E.g. `GET /spaces/:space/tickets/:number`. */
  key: string;
  handler: Handler;
  params: Record<string, string>;
}

/**
 * Finds the route of a request.
 * @example
 * matchRoute('GET', '/spaces/big-project/tickets/201');
 * // { key: 'GET /spaces/:space/tickets/:number', params: { space: 'big-project', number: '201' }, handler }
 */
export function matchRoute(method: string, path: string): RouteMatch | undefined {
  const parts = path.split('/').slice(1);
  for (const route of ROUTES) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = route.segments.every((seg, i) => {
      if (!seg.startsWith(':')) return seg === parts[i];
      if (parts[i] === '' || (NUMERIC.has(seg) && !/^\d+$/.test(parts[i]))) return false;
      params[seg.slice(1)] = parts[i];
      return true;
    });
    if (ok) return { key: `${method} ${route.pattern}`, handler: route.handler, params };
  }
  return undefined;
}

export interface ApiPath {
  /** After `/v1`, without the suffix, e.g. `/spaces/big-project`. */
  path: string;
  format: 'json' | 'xml';
}

/**
 * The API path of a URL path: without `/v1` and without a `.json` suffix on the last segment,
 * each segment decoded; undefined outside `/v1`. `format` is 'xml' for a `.xml` suffix.
 * @example
 * apiPath('/v1/spaces/big-project/tickets/201.json'); // { path: '/spaces/big-project/tickets/201', format: 'json' }
 */
export function apiPath(pathname: string): ApiPath | undefined {
  if (!pathname.startsWith('/v1/')) return undefined;
  const suffix = /\.(json|xml)$/.exec(pathname);
  const bare = suffix ? pathname.slice(0, -suffix[0].length) : pathname;
  try {
    const path = bare.slice(3).split('/').map(decodeURIComponent).join('/').replace(/\/+$/, '');
    return { path, format: suffix?.[1] === 'xml' ? 'xml' : 'json' };
  } catch {
    return undefined; // a malformed %-escape: no route
  }
}
