import { Observable, defer, map, reduce } from 'rxjs';
import { cacheKey } from './cache/key';
import { QueryCache } from './cache/query-cache';
import { EntityCodec, decodeEntity, decodeList } from './codecs';
import { Kind, bind, deepFreeze } from './entities';
import type { ResolvedOptions } from './options';
import { GapOptions, fillGaps } from './paging/gaps';
import { PagingOptions, paginate } from './paging/paginate';
import type { Transport } from './transport/pipeline';
import { secretsOf } from './transport/secrets';
import type { Params } from './transport/types';

/** How a query pages a list beyond the defaults: see `PagingOptions` and `GapOptions`. */
export type ListPaging<T> = Pick<PagingOptions<T>, 'rememberPages' | 'last' | 'release'> & {
  readonly gaps?: Omit<GapOptions<T>, 'page'>;
};

/** Where decoded entities belong: their kind and their space (a space is its own). */
export type Scope = { readonly kind: 'space' } | { readonly kind: Exclude<Kind, 'space'>; readonly spaceId: string };

/**
 * The internals an API shares with its queries: the request stream, the caches and the steps from
 * a reply to entities (decode, freeze, link). Never exposed to users, so credentials stay inside.
 */
export class Client {
  /** The cache of the list of spaces (`assembla.cache`). */
  readonly spacesCache: QueryCache;
  private readonly spaceCaches = new Map<string, QueryCache>();
  /** The credential values a DecodeError must not quote (an answer may echo the request's headers). */
  private readonly secrets = (): readonly string[] => secretsOf(this.options.credentials.headers());

  constructor(
    readonly transport: Transport,
    readonly options: ResolvedOptions,
  ) {
    this.spacesCache = new QueryCache(options.useCache);
  }

  /** The cache of one space, shared by every Space object of that id. */
  spaceCache(spaceId: string): QueryCache {
    let cache = this.spaceCaches.get(spaceId);
    if (!cache) this.spaceCaches.set(spaceId, (cache = new QueryCache(this.options.useCache)));
    return cache;
  }

  /** GET one entity. */
  one<T extends object>(codec: EntityCodec<T>, path: string, scope: Scope): Observable<T> {
    return this.transport
      .request({ method: 'GET', path })
      .pipe(map((reply) => this.entity(decodeEntity(codec, reply.json, `GET ${reply.url}`, this.secrets), scope)));
  }

  /** GET a list the API answers in one response (204 = empty). */
  list<T extends object>(codec: EntityCodec<T>, path: string, scope: Scope, params?: Params): Observable<T[]> {
    return this.transport
      .request({ method: 'GET', path, params })
      .pipe(map((reply) => this.entities(codec, reply.json, reply.url, scope)));
  }

  /**
   * A paged list, page by page as the pages arrive (in order, repeats dropped); with `gaps`, the
   * items that deletions during the read shifted out of sight are found and delivered too.
   */
  pages<T extends object & { id: string | number }>(
    codec: EntityCodec<T>,
    path: string,
    scope: Scope,
    params?: Params,
    paging?: ListPaging<T>,
  ): Observable<T[]> {
    const perPage = this.options.perPage;
    const { gaps, ...rest } = paging ?? {};
    const fetchPage = (page: number): Observable<T[]> =>
      this.transport
        .request({ method: 'GET', path, params: { ...params, page, per_page: perPage } })
        .pipe(map((reply) => this.entities(codec, reply.json, reply.url, scope)));
    const pages = paginate(fetchPage, {
      perPage,
      lookahead: this.options.concurrency,
      idOf: (item) => item.id,
      name: `GET ${path}`,
      ...rest,
    });
    return gaps ? pages.pipe(fillGaps({ ...gaps, page: fetchPage })) : pages;
  }

  /** A paged list read whole into one array. */
  all<T extends object & { id: string | number }>(
    codec: EntityCodec<T>,
    path: string,
    scope: Scope,
    params?: Params,
    paging?: Omit<ListPaging<T>, 'rememberPages'>,
  ): Observable<T[]> {
    // A fresh accumulator per subscription: the finished array may be frozen by a cache.
    return defer(() =>
      this.pages(codec, path, scope, params, paging).pipe(
        reduce<T[], T[]>((acc, page) => (acc.push(...page), acc), []),
      ),
    );
  }

  /** The cache key of a request: path and parameters (`cacheKey`, which new code calls directly). */
  static key(path: string, params?: Params): string {
    return cacheKey(path, params);
  }

  private entities<T extends object>(codec: EntityCodec<T>, json: unknown, url: string, scope: Scope): T[] {
    if (json === undefined) return [];
    const items = decodeList(codec, json, `GET ${url}`, this.secrets);
    for (const item of items) this.entity(item, scope);
    return items;
  }

  private entity<T extends object>(entity: T, scope: Scope): T {
    const spaceId = scope.kind === 'space' ? (entity as unknown as { id: string }).id : scope.spaceId;
    if (scope.kind === 'space') {
      Object.defineProperty(entity, 'cache', { value: this.spaceCache(spaceId), enumerable: false });
    }
    return bind(deepFreeze(entity), { client: this, spaceId, kind: scope.kind });
  }
}
