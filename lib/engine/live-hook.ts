// The read path's one door to live queries. The read operators reach lib/live only through here,
// and only when `options.live` is set: the live module registers itself when it is evaluated. Under
// Node it always is (lib/index.ts imports it); a bundler drops that import (`sideEffects: false`), so
// a page that never goes live carries none of it (spec/package.spec.ts) and a page that does calls
// `liveQueries()` once. Not a dynamic `import()`: esbuild's code splitting cost a page that never
// goes live about 1.7 KB gzipped more than without it (measured), more than the live code itself.
import { Observable, throwError } from 'rxjs';
import { ConfigError } from '../core/errors';
import type { Scope } from './scope';
import type { AnyRow } from '../resources/row';

/**
 * What every read query takes besides its filter: `live` keeps it running (see README, "Live
 * queries"), `maxAge` refuses cached answers older than this many ms.
 *
 * @example space$.pipe(tickets({ status_name: 'Test' }, { live: { every: 60_000 }, maxAge: 300_000 }))
 */
export interface LiveOptions {
  /**
   * Emit the answer now, then again each time it changes: `true` polls every 30 s, `{ every }` every
   * `every` ms (the space's poller runs at the shortest `every` of its live queries).
   */
  readonly live?: boolean | { readonly every: number };
  /** Cached answers older than this (ms, by the API's scheduler) are fetched again; default: the API's `maxAge`. */
  readonly maxAge?: number;
}

/**
 * A live query: `read(options)` answers the query once (from the cache when it can); `options` are
 * the query's own, but a live query passes `maxAge: Infinity` on its re-evaluations (the poller
 * keeps the cache fresh).
 */
export type LiveQuery = <T, O extends LiveOptions>(
  row: AnyRow,
  scope: Scope,
  read: (options: O) => Observable<T>,
  options: O,
) => Observable<T>;

let loaded: LiveQuery | undefined;

/**
 * Called by lib/live/live-query.ts when it is evaluated.
 *
 * @example registerLive(liveQuery)
 */
export function registerLive(query: LiveQuery): void {
  loaded = query;
}

/**
 * `read(options)`, or with `options.live` the live query over it (a `ConfigError` when the live
 * module was left out of a bundle).
 *
 * @example orLive(row, scope, options, (o) => listOf(row, scope, filter, o, 'tickets'))
 */
export function orLive<T, O extends LiveOptions>(
  row: AnyRow,
  scope: Scope,
  options: O | undefined,
  read: (options?: O) => Observable<T>,
): Observable<T> {
  if (!options?.live) return read(options);
  return loaded ? loaded(row, scope, read, options) : throwError(() => new ConfigError('{ live } needs liveQueries()'));
}
