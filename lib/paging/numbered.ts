import { EMPTY, Observable, catchError, map, mergeMap, of, shareReplay, throwError } from 'rxjs';
import { NotFoundError } from '../core/errors';
import type { Params } from '../transport/types';
import type { GapOptions } from './gaps';
import type { LastItem, PagingOptions } from './paginate';

/** What numbered paging needs: one raw GET of the list, and a decoded selection by numbers. */
export interface NumberedReads<T> {
  /** The list's raw JSON for these parameters (one request). */
  readonly raw: (params: Params) => Observable<unknown>;
  /** The decoded items whose field takes one of these values. */
  readonly select: (params: Params) => Observable<T[]>;
}

/** How a numbered list is paged: its last-item probe, and with `whole` its gap check. */
export type NumberedPaging<T> = Pick<PagingOptions<T>, 'last'> & {
  readonly gaps?: Omit<GapOptions<T>, 'page'>;
};

/**
 * Paging for a list sorted ascending by a unique integer field that starts at 1 (a space's tickets
 * by `number`, digest §6.2). Its last item is its highest (one item, sorted descending), whose value
 * also bounds its length: `paginate` checks it rather than trusts it. A `whole` list (nothing but
 * the defaults asked) is also checked for items that deletions during the read shifted out of sight,
 * by selecting the missing values (`number[]` ignores reports and filters, so only the whole list
 * can be checked that way). Sorted otherwise, nothing bounds the list.
 *
 * @example numberedPaging({ field: 'number', select: 'number[]' }, reads, params, true)
 */
export function numberedPaging<T extends object>(
  numbered: { readonly field: string; readonly select: string },
  reads: NumberedReads<T>,
  params: Params,
  whole: boolean,
): NumberedPaging<T> {
  const { field } = numbered;
  if (params.sort_by !== field || (params.sort_order ?? 'asc') !== 'asc') return {};
  // One probe, shared: the gap check at the end waits for it if it is still on its way.
  let probe: Observable<LastItem> | undefined;
  const last = (): Observable<LastItem> =>
    (probe = reads.raw({ ...params, sort_by: field, sort_order: 'desc', page: 1, per_page: 1 }).pipe(
      mergeMap((json) => {
        const top = Array.isArray(json) ? (json[0] as Record<string, unknown> | undefined) : undefined;
        // Nothing if the answer is not what we expect: paging then goes on unbounded.
        return top && typeof top.id === 'number' && typeof top[field] === 'number'
          ? of({ id: top.id, maxItems: top[field] as number })
          : EMPTY;
      }),
      shareReplay({ bufferSize: 1, refCount: true }),
    ));
  if (!whole) return { last };
  const valueOf = (item: T): number => (item as Record<string, unknown>)[field] as number;
  return {
    last,
    gaps: {
      numberOf: valueOf,
      // A 404 would mean none of them exists (the real API answers an empty selection with a 204).
      byNumbers: (values) =>
        reads
          .select({ [numbered.select]: values })
          .pipe(catchError((e: unknown) => (e instanceof NotFoundError ? of([]) : throwError(() => e)))),
      highest: () => (probe ? probe.pipe(map((top) => top.maxItems)) : EMPTY),
    },
  };
}
