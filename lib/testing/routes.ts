// The route table: which handler answers which method and path (after `/v1`, without `.json`).
// A route's pattern, prefixed with its method, is its key in the server's statistics.
import type { Handler } from './context';
import * as read from './reads';
import * as write from './writes';

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
}

// First match wins, so fixed segments (`statuses`, `my_active`, ...) come before parameters.
const TABLE: Array<[method: string, pattern: string, handler: Handler]> = [
  ['GET', '/spaces', read.listSpaces],
  ['GET', '/spaces/:space', read.getSpace],
  ['GET', '/spaces/:space/milestones', read.listMilestones('default')],
  ['GET', '/spaces/:space/milestones/all', read.listMilestones('all')],
  ['GET', '/spaces/:space/milestones/upcoming', read.listMilestones('upcoming')],
  ['GET', '/spaces/:space/milestones/completed', read.listMilestones('completed')],
  ['GET', '/spaces/:space/milestones/release_notes', read.listMilestones('release_notes')],
  ['GET', '/spaces/:space/milestones/:id', read.getMilestone],
  ['POST', '/spaces/:space/milestones', write.createMilestone],
  ['PUT', '/spaces/:space/milestones/:id', write.updateMilestone],
  ['DELETE', '/spaces/:space/milestones/:id', write.deleteMilestone],
  ['GET', '/spaces/:space/users', read.listSpaceUsers],
  ['GET', '/spaces/:space/tickets', read.listTickets],
  ['GET', '/spaces/:space/tickets/statuses', read.listStatuses],
  ['GET', '/spaces/:space/tickets/my_active', read.listMyActiveTickets],
  ['GET', '/spaces/:space/tickets/my_followed', read.listMyFollowedTickets],
  ['GET', '/spaces/:space/tickets/no_milestone', read.listTicketsWithoutMilestone],
  ['GET', '/spaces/:space/tickets/milestone/:id', read.listMilestoneTickets],
  ['GET', '/spaces/:space/tickets/id/:id', read.getTicketById],
  ['GET', '/spaces/:space/tickets/:number', read.getTicket],
  ['POST', '/spaces/:space/tickets', write.createTicket],
  ['PUT', '/spaces/:space/tickets/:number', write.updateTicket],
  ['DELETE', '/spaces/:space/tickets/:number', write.deleteTicket],
  ['GET', '/user', read.getMe],
  ['GET', '/users', read.listUsers],
  ['GET', '/users/:user', read.getUser],
];

const ROUTES: Route[] = TABLE.map(([method, pattern, handler]) => ({
  method,
  pattern,
  segments: pattern.split('/').slice(1),
  handler,
}));

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
