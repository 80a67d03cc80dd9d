// What a route handler gets, and the small helpers handlers share.
import { json, notFound, type Reply } from '../http/replies';
import type { WireSpace } from './spaces';
import type { Store } from './store';
import type { WireTicket } from './tickets';

/**
 * How the server answers where the real API's behaviour is undocumented or may vary: each a switch,
 * so that a client can be tested under every reading (see `ServerOptions` for what each means).
 */
export interface Semantics {
  activity: Required<ActivityOptions>;
  downloads: 'direct' | 'redirect';
  wikiByName: boolean;
}

/**
 * The undocumented parts of `GET /activity` (digest §15), as the server should play them.
 * @example
 * startServer({ activity: { order: 'oldest-first', from: 'inclusive', zone: '+05:30' } });
 */
export interface ActivityOptions {
  /** Default 'newest-first' (by `date`). */
  order?: 'newest-first' | 'oldest-first';
  /** Whether an event in the very minute of `from` is in the answer; default 'exclusive'. `to` is always exclusive. */
  from?: 'inclusive' | 'exclusive';
  /** The offset in which `from`/`to` are read: 'UTC' or `±hh:mm`, e.g. '+05:30'; default 'UTC'. */
  zone?: string;
}

export const DEFAULT_SEMANTICS: Semantics = {
  activity: { order: 'newest-first', from: 'exclusive', zone: 'UTC' },
  downloads: 'direct',
  wikiByName: true,
};

export interface Context {
  store: Store;
  /** Path parameters by name, e.g. `{ space: 'big-project', number: '201' }`. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The parsed request body (POST/PUT), `{}` when there was none. */
  body: unknown;
  /** The server's own URL, for `Location` headers. */
  baseUrl: string;
  /** Milliseconds since the epoch (a parameter so that writes are testable). */
  now: number;
  /** The switchable behaviours. */
  semantics: Semantics;
}

export type Handler = (ctx: Context) => Reply;

/**
 * A handler of a space's resource: resolves `:space` (id or wiki_name) first, 404 when unknown.
 * @example
 * const getSpace = inSpace((ctx, space) => json(space));
 */
export function inSpace(handler: (ctx: Context, space: WireSpace) => Reply): Handler {
  return (ctx) => {
    const space = ctx.store.space(ctx.params.space);
    return space ? handler(ctx, space) : notFound();
  };
}

/**
 * A handler of a ticket's sub-resource: resolves `:space` and `:number` first, 404 when unknown.
 * @example
 * const listTags = onTicket((ctx, space, ticket) => list(tagsOf(ticket)));
 */
export function onTicket(handler: (ctx: Context, space: WireSpace, ticket: WireTicket) => Reply): Handler {
  return inSpace((ctx, space) => {
    const ticket = ctx.store.ticketByNumber(space.id, Number(ctx.params.number));
    return ticket ? handler(ctx, space, ticket) : notFound();
  });
}

/**
 * 200 with the entity, or 404 when there is none.
 * @example
 * found(store.milestone(space.id, 7));
 */
export function found(entity: object | undefined): Reply {
  return entity ? json(entity) : notFound();
}
