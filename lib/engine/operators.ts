// The operators' one shape: check what was piped in, then run an engine read in its scope.
import { Observable, OperatorFunction, Subject, defer, map } from 'rxjs';
import type { Client } from './client';
import { linkOf } from './entities';
import type { Filter } from './filters';
import { PulledPage, pullPages } from '../paging/pull';
import type { AnyRow, ResourceRow } from '../resources/row';
import { ReadOptions, findOne, listOf, pagesOf } from './read';
import { Scope, entityScope } from './scope';
import { concatMap } from 'rxjs';

/** The kinds of entity a row's lists are read from (what its operators accept). */
function parentsOf(row: AnyRow): string[] {
  return Object.keys(row.from).filter((kind) => kind !== 'api');
}

/**
 * A pipeable operator that runs `read` in the scope of each upstream entity in turn (`concatMap`),
 * after checking that the entity came from a query and is of a kind the row is read from. Errors,
 * an unlinked input included, arrive through the Observable.
 */
export function scoped<I, O>(
  query: string,
  row: AnyRow,
  read: (scope: Scope) => Observable<O>,
): OperatorFunction<I, O> {
  const kinds = parentsOf(row);
  return concatMap((input: I) => defer(() => read(entityScope(linkOf<Client>(input, query, kinds), input as object))));
}

/**
 * The operator of a list query: one array of matching items per upstream entity.
 *
 * @example export const milestones = (filter) => listOperator(milestonesRow, 'milestones', filter);
 */
export function listOperator<I, T extends object>(
  row: ResourceRow<T>,
  query: string,
  filter?: Filter<T>,
  options?: ReadOptions,
): OperatorFunction<I, T[]> {
  return scoped(query, row, (scope) => listOf(row, scope, filter, options, query));
}

/** The operator of a singular query: the one matching item per upstream entity. */
export function findOperator<I, T extends object>(
  row: ResourceRow<T>,
  query: string,
  filter: Filter<T>,
): OperatorFunction<I, T> {
  return scoped(query, row, (scope) => findOne(row, scope, filter, query));
}

/** The operator of a stream: each matching item, one value each, as the pages arrive. */
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
 */
export function iterate<T extends object>(
  row: ResourceRow<T>,
  query: string,
  source$: Observable<unknown>,
  filter?: Filter<T>,
  options?: ReadOptions & { readonly signal?: AbortSignal },
): AsyncIterable<T> {
  const read = options?.params || options?.list ? { params: options.params, list: options.list } : undefined;
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
