// The one engine for reads: every resource's list, lookup and stream, driven by its row.
import { Observable, catchError, defer, map, of, tap, throwError } from 'rxjs';
import { cacheKey } from '../cache/key';
import { addTags } from '../cache/tags';
import type { ListPaging } from './client';
import { FilterError, NotFoundError } from '../core/errors';
import { CompiledFilter, Filter, QueryOptions, compileFilter } from './filters';
import { numberedPaging } from '../paging/numbered';
import { matchDirect, single } from './single';
import type { AnyRow, AnySource, Reads, ResourceRow } from '../resources/row';
import type { Params } from '../transport/types';
import { Scope, cacheOf, describeScope, entityTag, expandRoute, listTags, sourceOf, spaceScope } from './scope';

/** How a list query reads beyond its filter: Assembla's own parameters, one of the row's named lists. */
export interface ReadOptions extends QueryOptions {
  readonly list?: string;
  /** Told the list's upper bound on its length once its last-item probe answers (numbered lists). */
  readonly onUpperBound?: (atMost: number) => void;
}

/** A source's request: its path in this scope and its parameters (the query's on top). */
export function requestOf(source: AnySource, scope: Scope, options?: ReadOptions): { path: string; params?: Params } {
  const path = expandRoute(source.path as string, scope.spaceId, scope.parent);
  if (!source.params && !options?.params) return { path };
  const params: Record<string, Params[string]> = {};
  for (const [key, value] of Object.entries(source.params ?? {}))
    params[key] = value === '{space}' ? scope.spaceId : value;
  return { path, params: { ...params, ...options?.params } };
}

/** Whether the query asked for nothing beyond the source's own parameters. */
function isDefault(source: AnySource, options?: ReadOptions): boolean {
  const asked = options?.params ?? {};
  return Object.keys(asked).every((k) => String(asked[k]) === String(source.params?.[k]));
}

/** The reads a `Source.read` may use. */
function readsOf(scope: Scope): Reads {
  return {
    list: (row) => wholeList(row, scope, undefined),
    spaceList: (row) => wholeList(row, spaceScope(scope), undefined),
  };
}

/**
 * How a paged source is paged beyond the defaults: whether its server may ignore `page` (`'maybe'`),
 * and for a numbered row's space list (sorted by its number; not a milestone's or a named list,
 * whose sorting the API does not promise) the probe and gap check.
 */
function pagingOf<T extends object>(
  row: ResourceRow<T>,
  source: AnySource,
  scope: Scope,
  request: { path: string; params?: Params },
  options: ReadOptions | undefined,
): ListPaging<T> {
  const mayIgnorePaging = (source.paged ?? row.paged) === 'maybe';
  const { path, params } = request;
  if (!row.numbered || !params || source !== row.from.space) return { mayIgnorePaging };
  const { client } = scope;
  const numbered = numberedPaging<T>(
    row.numbered,
    {
      raw: (p) => client.transport.request({ method: 'GET', path, params: p }).pipe(map((reply) => reply.json)),
      select: (p) => client.list(row.codec, path, { row, spaceId: scope.spaceId }, p),
    },
    params,
    isDefault(source, options),
  );
  const tell = options?.onUpperBound;
  const last = tell && numbered.last;
  return last
    ? { ...numbered, last: () => last().pipe(tap((l) => tell(l.maxItems))), mayIgnorePaging }
    : { ...numbered, mayIgnorePaging };
}

/** The space's list that a `within` source's items are part of: its scope and cache key. */
export function spaceListOf(row: AnyRow, scope: Scope, options?: ReadOptions): { space: Scope; key: string } {
  const space = spaceScope(scope);
  return { space, key: keyOf(requestOf(sourceOf(row, space, row.name), space, options)) };
}

/**
 * The scope's whole list of `row`, through the scope's cache: answered from the space's cached list
 * when the source is `within` it, read from the source's path otherwise (whole, every page).
 */
export function wholeList<T extends object>(
  row: ResourceRow<T>,
  scope: Scope,
  options?: ReadOptions,
  query = `${row.name}s`,
): Observable<T[]> {
  return defer(() => {
    const source = sourceOf(row, scope, query, options?.list);
    if (source.read) return source.read(readsOf(scope));
    const within = source.within;
    if (within) {
      const { space, key } = spaceListOf(row, scope, options);
      if (!source.path || cacheOf(space).peek(key, options?.maxAge))
        return wholeList(row, space, options, query).pipe(
          map((list) => list.filter((item) => within(item, scope.parent as never))),
        );
    }
    const request = requestOf(source, scope, options);
    const order = source.order ?? row.order;
    return cacheOf(scope)
      .get(
        keyOf(request),
        () => {
          const target = { row, spaceId: scope.spaceId };
          const all =
            (source.paged ?? row.paged)
              ? scope.client.all(
                  row.codec,
                  request.path,
                  target,
                  request.params,
                  pagingOf(row, source, scope, request, options),
                )
              : scope.client.list(row.codec, request.path, target, request.params);
          return order ? all.pipe(map((list) => list.sort(order))) : all;
        },
        listTags(row, scope),
        options?.maxAge,
      )
      .pipe(catchError(parentGone(scope, source, query)));
  });
}

/**
 * A 404 on a list of an entity means the entity is gone (or hidden from these credentials): the
 * error says which list of which entity, keeping the request and status 404.
 */
function parentGone(scope: Scope, source: AnySource, query: string): (e: unknown) => Observable<never> {
  return (e) =>
    throwError(() =>
      e instanceof NotFoundError && e.status === 404 && scope.parent
        ? new NotFoundError(`${query}() of ${describeScope(scope, source)}: ${e.message}`, {
            method: e.method ?? 'GET',
            url: e.url ?? '',
          })
        : e,
    );
}

/**
 * The scope's whole list when the cache already holds it (whole, or as part of the space's), no
 * older than `maxAge`; undefined otherwise.
 */
export function cachedList<T extends object>(row: ResourceRow<T>, scope: Scope, maxAge?: number): T[] | undefined {
  const source = row.from[scope.kind];
  if (!source || source.read) return undefined;
  const within = source.within;
  if (within) {
    const { space, key } = spaceListOf(row, scope);
    const all = cacheOf(space).peek<T[]>(key, maxAge);
    if (all) return all.filter((item) => within(item, scope.parent as never));
    if (!source.path) return undefined;
  }
  return cacheOf(scope).peek<T[]>(keyOf(requestOf(source, scope)), maxAge);
}

/** The cache key of a list's request. */
export function keyOf(request: { path: string; params?: Params }): string {
  return cacheKey(request.path, request.params);
}

/**
 * The scope's items that match the filter, as one array (the whole list cached, then filtered).
 *
 * @example listOf(tickets, scope, { status_name: 'Test' }, undefined, 'tickets')
 */
export function listOf<T extends object>(
  row: ResourceRow<T>,
  scope: Scope,
  filter: Filter<T> | undefined,
  options: ReadOptions | undefined,
  query: string,
): Observable<T[]> {
  return defer(() => {
    const f = compileFilter(filter, row.codec, query);
    return wholeList(row, scope, options, query).pipe(map((list) => list.filter((item) => f.test(item))));
  });
}

/**
 * The one item of the scope that matches: from a cached list when there is one, by a direct lookup
 * when the filter names its field (one request, cached), else from the scope's list. Cached answers
 * older than `options.maxAge` are not used.
 *
 * @example findOne(tickets, scope, { number: 201 }, 'ticket')
 */
export function findOne<T extends object>(
  row: ResourceRow<T>,
  scope: Scope,
  filter: Filter<T>,
  query: string,
  options?: ReadOptions,
): Observable<T> {
  return defer(() => {
    const f = compileFilter(filter, row.codec, query);
    if (f.entries.length === 0)
      throw new FilterError(`${query}() needs a filter${row.example ? `, e.g. ${row.example}` : ''}`);
    const source = sourceOf(row, scope, query);
    const where = describeScope(scope, source);
    const cached = cachedList(row, scope, options?.maxAge);
    if (cached) return of(single(cached, f, row.name, where));
    // A direct lookup proves membership only of a space (or of a scope that says who belongs to it).
    const canLookUp = scope.kind === 'api' || scope.kind === 'space' || source.within !== undefined;
    const lookup = canLookUp ? row.lookups?.find((l) => isKey(f.get(l.by))) : undefined;
    const fromList = (): Observable<T> =>
      wholeList(row, scope, options, query).pipe(map((list) => single(list, f, row.name, where)));
    if (!lookup) return fromList();
    const value = f.get(lookup.by) as string | number;
    const path = expandRoute(lookup.path, scope.spaceId, { ...scope.parent, [lookup.by]: value });
    const tag = entityTag(row, lookup.by, value);
    const within = source.within;
    const cache = cacheOf(scope);
    const key = cacheKey(path);
    // Found by another field (a ticket by id, a page by name), it is also tagged by its identity.
    const identify = (item: T): void =>
      addTags(cache, key, entityTag(row, row.identity, (item as Record<string, string | number>)[row.identity]));
    const direct = cache
      .get(
        key,
        () => scope.client.one(row.codec, path, { row, spaceId: scope.spaceId }).pipe(tap(identify)),
        [tag],
        options?.maxAge,
      )
      .pipe(matchDirect<T>(f, row.name, where, within ? (item) => within(item, scope.parent as never) : undefined));
    return lookup.unconfirmed
      ? direct.pipe(
          catchError((e: unknown) =>
            e instanceof NotFoundError && e.status === 404 ? fromList() : throwError(() => e),
          ),
        )
      : direct;
  });
}

/**
 * The one entity a row's source answers in this scope (the caller: `GET /user`), cached and tagged
 * with the row's tag.
 *
 * @example readOne(me, apiScope(client))
 */
export function readOne<T extends object>(row: ResourceRow<T>, scope: Scope): Observable<T> {
  return defer(() => {
    const { path } = requestOf(sourceOf(row, scope, row.name), scope);
    return cacheOf(scope).get(
      cacheKey(path),
      () => scope.client.one(row.codec, path, { row, spaceId: scope.spaceId }),
      [row.tag],
    );
  });
}

function isKey(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

/**
 * The scope's matching items page by page as the pages arrive (a page may be empty once filtered;
 * a cached list, or a list the API does not page, is one page). A paged list fills no cache, so
 * memory stays at a few pages; an unpaged one is read (and cached) whole. `release` paces the
 * paging by the consumer (`PagingOptions.release`).
 *
 * @example pagesOf(tickets, scope, { status_name: 'New' }, undefined, 'streamTickets')
 */
export function pagesOf<T extends object>(
  row: ResourceRow<T>,
  scope: Scope,
  filter: Filter<T> | undefined,
  options: ReadOptions | undefined,
  query: string,
  release?: Observable<unknown>,
): Observable<T[]> {
  return defer(() => {
    const f: CompiledFilter = compileFilter(filter, row.codec, query);
    const cached = options?.params || options?.list ? undefined : cachedList(row, scope);
    if (cached) return of(cached.filter((item) => f.test(item)));
    const own = sourceOf(row, scope, query, options?.list);
    if (own.read || !(own.paged ?? row.paged))
      return wholeList(row, scope, options, query).pipe(map((list) => list.filter((item) => f.test(item))));
    // A source without a path is the space's list through `within`: its pages, kept by it.
    const within = own.path ? undefined : own.within;
    const from = within ? spaceScope(scope) : scope;
    const source = within ? sourceOf(row, from, query) : own;
    const keep = (item: T): boolean => (!within || within(item, scope.parent as never)) && f.test(item);
    const request = requestOf(source, from, options);
    return scope.client
      .pages(row.codec, request.path, { row, spaceId: scope.spaceId }, request.params, {
        rememberPages: 2,
        ...pagingOf(row, source, from, request, options),
        release,
      })
      .pipe(
        map((page) => page.filter(keep)),
        catchError(parentGone(scope, source, query)),
      );
  });
}
