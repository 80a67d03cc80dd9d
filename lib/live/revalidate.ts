// Conditional re-reads of the lists the change log does not report (tags, statuses, custom fields,
// components, associations) and of any list while a space's stream is unavailable: one GET a list
// (a page) with `If-None-Match`, where a 304 costs no decoding. The real API's 304s were never
// recorded, and its timestamp offsets vary between calls for the same record, so an ETag can change
// when nothing did (digest §3.3; spec/fixtures/recordings/ticket-custom-fields/get.json): "changed"
// is decided on decoded values, and a server that always answers 200 costs a decode, nothing more.
import { Observable, defer, finalize, map, of, reduce, share } from 'rxjs';
import type { QueryCache } from '../cache/query-cache';
import { replace, truthAt } from '../cache/tags';
import { ReadOptions, keyOf, requestOf, spaceListOf } from '../engine/read';
import { Scope, cacheOf, listTags, sourceOf } from '../engine/scope';
import { paginate } from '../paging/paginate';
import type { AnyRow, AnySource } from '../resources/row';
import type { Params, Reply } from '../transport/types';
import { shared } from './sharing';

/** One page of a list (an unpaged list's one answer is page 0) as last read: its ETag and items. */
interface Page {
  readonly etag?: string;
  readonly items: readonly object[];
}

/** What the last revalidation of a list saw: the cached value its pages add up to, and the pages. */
interface Known {
  readonly value: unknown;
  readonly pages: ReadonlyMap<number, Page>;
}

/** A list as a query reads it: the cache entry it lives in, and where its answer comes from. */
interface List {
  readonly row: AnyRow;
  readonly scope: Scope;
  readonly source: AnySource;
  readonly request: { readonly path: string; readonly params?: Params };
  readonly cache: QueryCache;
  readonly key: string;
}

// By cache, then key: every live query of one list shares what was seen and the revalidation running.
const seen = new WeakMap<QueryCache, Map<string, Known>>();
const running = new WeakMap<QueryCache, Map<string, Observable<boolean>>>();

function mapOf<V>(maps: WeakMap<QueryCache, Map<string, V>>, cache: QueryCache): Map<string, V> {
  let map = maps.get(cache);
  if (!map) maps.set(cache, (map = new Map()));
  return map;
}

/**
 * The conditional re-read of `row`'s whole list in `scope` (as `options` ask for it, the same
 * requests and cache entry as the list query), for a live query of a kind the change log does not
 * report. Each call of the result re-reads the list, one GET a page, each with `If-None-Match` and
 * the ETag of the page the cache holds: when every page answers 304 nothing is decoded and it emits
 * `false`. Otherwise the pages are decoded, and a list that differs from the cached one by value
 * (dates by time) replaces it (`replace`, so the list query answers it; unchanged entities keep
 * their identity): it emits `true`, else `false`. A list nothing holds is read and cached (`true`).
 * The first call sends no `If-None-Match` (the plain read path keeps no ETags: it stays small);
 * ETags are used only while the cache still holds the value they were seen with (a write's patch
 * makes the next call read plainly). Concurrent calls for one list share one re-read.
 *
 * @example revalidator(tagsRow, scope)().subscribe((changed) => changed && console.log('tags changed'))
 */
export function revalidator(row: AnyRow, scope: Scope, options?: ReadOptions): () => Observable<boolean> {
  return () =>
    defer(() => {
      const list = whereListed(row, scope, options);
      // A list made from other lists (`Source.read`) has no request of its own to revalidate.
      if (!list) return of(false);
      const { cache, key } = list;
      const calls = mapOf(running, cache);
      let call = calls.get(key);
      if (!call) {
        const shared: Observable<boolean> = revalidate(list).pipe(
          finalize(() => {
            if (calls.get(key) === shared) calls.delete(key);
          }),
          share(),
        );
        calls.set(key, (call = shared));
      }
      return call;
    });
}

/**
 * Where the list query keeps `row`'s list of `scope` (read.ts `wholeList`): the space's list, for a
 * `within` source whose items the space's cached list holds.
 */
function whereListed(row: AnyRow, scope: Scope, options?: ReadOptions): List | undefined {
  const source = sourceOf(row, scope, `${row.name}s`, options?.list);
  if (source.read) return undefined;
  if (source.within) {
    const { space, key } = spaceListOf(row, scope, options);
    if (!source.path || cacheOf(space).peek(key)) return whereListed(row, space, options);
  }
  const request = requestOf(source, scope, options);
  return { row, scope, source, request, cache: cacheOf(scope), key: keyOf(request) };
}

function revalidate(list: List): Observable<boolean> {
  return defer(() => {
    const { row, scope, cache, key } = list;
    const known = mapOf(seen, cache);
    const held = truthAt<readonly object[]>(cache, key);
    if (held === undefined) {
      // Never read, dropped by a write, or the cache is off: read it as the query would, and cache it.
      let read: Read | undefined;
      const fetch = () => readList(list, undefined).pipe(map((r) => (read = r).list));
      return cache.get(key, fetch, listTags(row, scope)).pipe(
        map(() => {
          if (read && truthAt(cache, key) === read.list) known.set(key, { value: read.list, pages: read.pages });
          return true;
        }),
      );
    }
    const before = known.get(key);
    return readList(list, before?.value === held ? before : undefined).pipe(
      map(({ list: fresh, pages, changed }) => {
        // A write changed or dropped the entry meanwhile: this answer may predate it; the next call reads afresh.
        if (truthAt(cache, key) !== held) {
          known.delete(key);
          return false;
        }
        if (!changed) return false;
        const value = shared(held, fresh, idOf(row));
        if (value !== held) replace(cache, key, value);
        known.set(key, { value, pages });
        return value !== held;
      }),
    );
  });
}

/** A list as read: its items as the query would cache them, its pages, and whether any page changed. */
interface Read {
  readonly list: object[];
  readonly pages: ReadonlyMap<number, Page>;
  readonly changed: boolean;
}

/**
 * Reads the list as the query does (in pages when it is paged, one at a time so that no page past
 * its end is asked for), each page with `If-None-Match` when `before` has its ETag: a 304 page is
 * the items seen before, undecoded. `changed` is false when no page brought anything new.
 */
function readList(list: List, before: Known | undefined): Observable<Read> {
  return defer(() => {
    const { row, scope, source, request } = list;
    const { client } = scope;
    const target = { row, spaceId: scope.spaceId };
    const pages = new Map<number, Page>();
    let changed = false;
    const fetch = (page: number, params: Params | undefined): Observable<readonly object[]> => {
      const old = before?.pages.get(page);
      const headers = old?.etag ? { headers: { 'If-None-Match': old.etag } } : {};
      return client.transport.request({ method: 'GET', path: request.path, params, ...headers }).pipe(
        map((reply) => {
          if (reply.status === 304 && old) {
            pages.set(page, old);
            return old.items;
          }
          const items = client.entities(row.codec, reply.json, `GET ${reply.url}`, target);
          // An empty page (204) where one was before is no change; anything else may be.
          if (!(old && old.items.length === 0 && items.length === 0)) changed = true;
          pages.set(page, { etag: etagOf(reply), items });
          return items;
        }),
      );
    };
    const paged = source.paged ?? row.paged;
    const perPage: number = row.perPage ?? client.options.perPage;
    const all = paged
      ? paginate((page) => fetch(page, { ...request.params, page, per_page: perPage }), {
          perPage,
          lookahead: 1,
          idOf: idOf(row),
          mayIgnorePaging: paged === 'maybe',
          name: `GET ${request.path}`,
        }).pipe(reduce<readonly object[], object[]>((acc, page) => (acc.push(...page), acc), []))
      : fetch(0, request.params).pipe(map((items) => [...items]));
    const order = source.order ?? row.order;
    return all.pipe(map((items) => ({ list: order ? items.sort(order) : items, pages, changed })));
  });
}

function idOf(row: AnyRow): (item: object) => string | number {
  return row.key ?? ((item) => (item as { id: string | number }).id);
}

/** The reply's ETag; header names come lower-case from an XHR, but a custom `http` handler's may not. */
function etagOf(reply: Reply): string | undefined {
  for (const name in reply.headers) if (name.toLowerCase() === 'etag') return reply.headers[name].trim() || undefined;
  return undefined;
}
