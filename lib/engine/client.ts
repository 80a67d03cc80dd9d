import { Observable, defer, map, reduce } from 'rxjs';
import { QueryCache } from '../cache/query-cache';
import { EntityCodec, decodeEntity, decodeList } from '../codecs';
import { bind, deepFreeze } from './entities';
import type { Credentials } from '../transport/credentials';
import type { ResourceRow } from '../resources/row';
import { fillGaps } from '../paging/gaps';
import type { NumberedPaging } from '../paging/numbered';
import { PagingOptions, paginate } from '../paging/paginate';
import type { Transport } from '../transport/pipeline';
import { secretsOf } from '../transport/secrets';
import type { Params } from '../transport/types';

/**
 * How a query pages a list beyond the defaults: see `PagingOptions` and `GapOptions` (`lookahead: 1`
 * for a read that may stop early and must not ask ahead).
 */
export type ListPaging<T> = Partial<Pick<PagingOptions<T>, 'lookahead'>> &
  Pick<PagingOptions<T>, 'rememberPages' | 'release' | 'mayIgnorePaging'> &
  NumberedPaging<T>;

/** What the engine needs of the API's options. */
export interface ClientOptions {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  /** Whether caches start switched on. */
  readonly useCache: boolean;
  /** Items per page asked for, unless a row says otherwise. */
  readonly perPage: number;
  /** Pages in flight at most (the look-ahead). */
  readonly concurrency: number;
  /** Cached answers older than this (ms) are fetched again. */
  readonly maxAge?: number;
}

/**
 * Where decoded entities belong: their resource and their space (a space is its own: no `spaceId`).
 */
export interface Target {
  readonly row: ResourceRow<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly spaceId?: string;
}

/**
 * The internals an API shares with its queries: the request stream, the caches and the steps from
 * a reply to entities (decode, freeze, link). Never exposed to users, so credentials stay inside.
 */
export class Client {
  /** The cache of the list of spaces (`assembla.cache`). */
  readonly spacesCache: QueryCache;
  private readonly spaceCaches = new Map<string, QueryCache>();
  /** The credential values a DecodeError must not quote (an answer may echo the request's headers). */
  readonly secrets = (): readonly string[] => secretsOf(this.options.credentials.headers());

  constructor(
    readonly transport: Transport,
    readonly options: ClientOptions,
  ) {
    this.spacesCache = this.newCache();
  }

  /** The cache of one space, shared by every Space object of that id. */
  spaceCache(spaceId: string): QueryCache {
    let cache = this.spaceCaches.get(spaceId);
    if (!cache) this.spaceCaches.set(spaceId, (cache = this.newCache()));
    return cache;
  }

  private newCache(): QueryCache {
    return new QueryCache(this.options.useCache, this.transport.scheduler, this.options.maxAge);
  }

  /** GET one entity. */
  one<T extends object>(codec: EntityCodec<T>, path: string, target: Target): Observable<T> {
    return this.get(path, undefined, (json, url) => this.entity(decodeEntity(codec, json, url, this.secrets), target));
  }

  /** GET a list the API answers in one response (204 = empty). */
  list<T extends object>(codec: EntityCodec<T>, path: string, target: Target, params?: Params): Observable<T[]> {
    return this.get(path, params, (json, url) => this.entities(codec, json, url, target));
  }

  /** One GET, its JSON decoded by `decode` (given the request, `GET <url>`, for messages). */
  private get<R>(
    path: string,
    params: Params | undefined,
    decode: (json: unknown, request: string) => R,
  ): Observable<R> {
    return this.transport
      .request({ method: 'GET', path, params })
      .pipe(map((reply) => decode(reply.json, `GET ${reply.url}`)));
  }

  /**
   * A paged list, page by page as the pages arrive (in order, repeats dropped); with `gaps`, the
   * items that deletions during the read shifted out of sight are found and delivered too.
   */
  pages<T extends object>(
    codec: EntityCodec<T>,
    path: string,
    target: Target,
    params?: Params,
    paging?: ListPaging<T>,
  ): Observable<T[]> {
    const perPage = target.row.perPage ?? this.options.perPage;
    const { gaps, ...rest } = paging ?? {};
    const fetchPage = (page: number): Observable<T[]> =>
      this.get(path, { ...params, page, per_page: perPage }, (json, url) => this.entities(codec, json, url, target));
    const pages = paginate(fetchPage, {
      perPage,
      lookahead: this.options.concurrency,
      idOf: target.row.key ?? ((item) => (item as { id: string | number }).id),
      name: `GET ${path}`,
      ...rest,
    });
    return gaps ? pages.pipe(fillGaps({ ...gaps, page: fetchPage })) : pages;
  }

  /** A paged list read whole into one array. */
  all<T extends object>(
    codec: EntityCodec<T>,
    path: string,
    target: Target,
    params?: Params,
    paging?: Omit<ListPaging<T>, 'rememberPages'>,
  ): Observable<T[]> {
    // A fresh accumulator per subscription: the finished array may be frozen by a cache.
    return defer(() =>
      this.pages(codec, path, target, params, paging).pipe(
        reduce<T[], T[]>((acc, page) => (acc.push(...page), acc), []),
      ),
    );
  }

  /** A list's JSON decoded, frozen and linked (none for a 204). */
  entities<T extends object>(codec: EntityCodec<T>, json: unknown, request: string, target: Target): T[] {
    if (json === undefined) return [];
    const items = decodeList(codec, json, request, this.secrets);
    for (const item of items) this.entity(item, target);
    return items;
  }

  /** A decoded entity frozen and linked to its API, space and row. */
  entity<T extends object>(entity: T, target: Target): T {
    const { row } = target;
    const spaceId = row.isSpace ? (entity as unknown as { id: string }).id : (target.spaceId as string);
    if (row.isSpace) Object.defineProperty(entity, 'cache', { value: this.spaceCache(spaceId), enumerable: false });
    return bind(deepFreeze(entity), { client: this, spaceId, kind: row.name, row });
  }
}
