// The operators' one shape: check what was piped in, then run an engine read in its scope.
import { Observable, OperatorFunction, Subject, concatMap, defer, map, mergeMap } from 'rxjs';
import type { Client } from './client';
import { linkOf } from './entities';
import type { Filter } from './filters';
import { LiveOptions, orLive } from './live-hook';
import { PulledPage, pullPages } from '../paging/pull';
import type { AnyRow, ResourceRow } from '../resources/row';
import { ReadOptions, findOne, listOf, pagesOf } from './read';
import { Scope, entityScope } from './scope';

/**
 * An operator's name (for messages) and, when it takes fewer kinds than its row is read from, the
 * kinds it takes: `attachments()` takes tickets, although documents are read from spaces too.
 *
 * @example { name: 'attachments', from: ['ticket'] }
 */
export type Query =
  | string
  | {
      readonly name: string;
      readonly from: readonly string[];
      /** Its read never completes (`changes()`): see `scoped`. */
      readonly endless?: boolean;
    };

/** The kinds of entity an operator takes: its own, or every kind its row is read from. */
function parentsOf(row: AnyRow, query: Query): readonly string[] {
  return typeof query === 'string' ? Object.keys(row.from).filter((kind) => kind !== 'api') : query.from;
}

const nameOf = (query: Query): string => (typeof query === 'string' ? query : query.name);

/**
 * A pipeable operator that runs `read` in the scope of each upstream entity in turn (`concatMap`),
 * after checking that the entity came from a query and is of a kind the operator takes; with
 * `options.live`, kept running (lib/engine/live-hook.ts). A read that never completes (live, or
 * `endless`) runs for every upstream entity at once: in turn, the second would never start. Errors,
 * an unlinked input included, arrive through the Observable.
 *
 * @example scoped('comments', commentsRow, (scope) => listOf(commentsRow, scope, undefined, undefined, 'comments'))
 */
export function scoped<I, O, Q extends LiveOptions>(
  query: Query,
  row: AnyRow,
  read: (scope: Scope, options?: Q) => Observable<O>,
  options?: Q,
): OperatorFunction<I, O> {
  const kinds = parentsOf(row, query);
  const name = nameOf(query);
  const endless = options?.live || (typeof query === 'object' && query.endless);
  return mergeMap(
    (input: I) =>
      defer(() => {
        const scope = entityScope(linkOf<Client>(input, name, kinds), input as object);
        return orLive(row, scope, options, (o) => read(scope, o));
      }),
    endless ? Infinity : 1,
  );
}

/**
 * The operator of a list query: one array of matching items per upstream entity (kept running with
 * `{ live }`, lib/engine/live-hook.ts).
 *
 * @example export const milestones = (filter) => listOperator(milestonesRow, 'milestones', filter);
 */
export function listOperator<I, T extends object>(
  row: ResourceRow<T>,
  query: Query,
  filter?: Filter<T>,
  options?: ReadOptions,
): OperatorFunction<I, T[]> {
  return scoped(query, row, (scope, o) => listOf(row, scope, filter, o, nameOf(query)), options);
}

/**
 * The operator of a singular query: the one matching item per upstream entity (kept running with
 * `{ live }`).
 *
 * @example export const tag = (filter) => findOperator(tagsRow, { name: 'tag', from: ['space'] }, filter);
 */
export function findOperator<I, T extends object>(
  row: ResourceRow<T>,
  query: Query,
  filter: Filter<T>,
  options?: LiveOptions,
): OperatorFunction<I, T> {
  return scoped(query, row, (scope, o) => findOne(row, scope, filter, nameOf(query), o), options);
}

/**
 * The operator of a stream: each matching item, one value each, as the pages arrive.
 *
 * @example export const streamTickets = (filter) => streamOperator(ticketsRow, 'streamTickets', filter);
 */
export function streamOperator<I, T extends object>(
  row: ResourceRow<T>,
  query: string,
  filter?: Filter<T>,
  options?: ReadOptions,
): OperatorFunction<I, T> {
  return scoped(query, row, (scope) => pagesOf(row, scope, filter, options, query).pipe(concatMap((page) => page)));
}

/**
 * The items of each entity that `source$` emits, for `for await`, pulled page by page as the loop
 * asks (memory bounded whatever the loop's speed); aborting `signal` aborts the requests in flight.
 *
 * @example iterate(ticketsRow, 'iterateTickets', space$, { status_name: 'New' })
 */
export function iterate<T extends object>(
  row: ResourceRow<T>,
  query: string,
  source$: Observable<unknown>,
  filter?: Filter<T>,
  options?: ReadOptions & { readonly signal?: AbortSignal },
): AsyncIterable<T> {
  const read = options && { params: options.params, list: options.list, onUpperBound: options.onUpperBound };
  const pages$ = source$.pipe(
    scoped(query, row, (scope) =>
      // One release signal per scope, so that one scope's pages never pace the next one's.
      defer((): Observable<PulledPage<T>> => {
        const release = new Subject<void>();
        return pagesOf(row, scope, filter, read, query, release).pipe(
          map((items) => ({ items, release: () => release.next() })),
        );
      }),
    ),
  );
  return { [Symbol.asyncIterator]: () => pullPages(pages$, options?.signal, query) };
}
