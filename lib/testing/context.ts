// What a route handler gets, and the small helpers handlers share.
import type { WireSpace } from './data';
import { notFound, type Reply } from './replies';
import type { Store } from './store';

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
