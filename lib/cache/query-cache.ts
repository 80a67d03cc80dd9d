import { Observable, Subject, defer, filter, of, shareReplay, tap } from 'rxjs';

/** What users call on `space.cache` and `assembla.cache`. */
export interface CacheHandle {
  /** Switches the cache on (it starts empty after a `deactivate()`). */
  activate(): void;
  /** Switches the cache off and purges it: every query asks the server until `activate()`. */
  deactivate(): void;
  /** Drops everything cached; a response in flight right now is kept out too. */
  purge(): void;
  /** Whether queries are answered from the cache. */
  readonly active: boolean;
  /**
   * The commands as they happen: what `activate`, `deactivate` and `purge` send, and nothing else.
   * What a write drops or patches by tag (only the entries it touched) does not show here.
   */
  readonly invalidations$: Observable<CacheCommand>;
}

/** What a cache was told to do, as `invalidations$` shows it. */
export type CacheCommand = 'activate' | 'deactivate' | 'purge';

/**
 * Every command a `QueryCache` runs, in the order it runs them: the three of `CacheHandle`, and
 * the tag commands of `invalidate` and `patch`, which `invalidations$` leaves out so that a switch
 * over its values stays whole.
 */
export type QueryCacheCommand =
  | CacheCommand
  | { readonly type: 'invalidate'; readonly tags: readonly string[] }
  | { readonly type: 'patch'; readonly tag: string; readonly update: (value: unknown, key: string) => unknown };

interface Entry {
  readonly value$: Observable<unknown>;
  /** What the entry holds (see `get`), for `invalidate` and `patch`. */
  readonly tags: Set<string>;
  done: boolean;
  value: unknown;
}

/** Cached values are shared by every subscriber: frozen, as their entities are. */
function frozen<T>(value: T): T {
  return typeof value === 'object' && value !== null ? Object.freeze(value) : value;
}

/**
 * A cache of query results keyed by request (`cacheKey`: path + parameters): the first subscriber
 * fetches, everyone after it gets the replayed result (`shareReplay`, one request). Errors are not
 * kept. Entries carry tags (`cacheTag`), so a write can drop (`invalidate`) or update (`patch`)
 * exactly the entries it touched. Every change goes through one Subject of commands.
 *
 * @example cache.get(cacheKey(path, params), () => fetchAll$, [cacheTag('tickets', spaceId)])
 */
export class QueryCache implements CacheHandle {
  private readonly commands = new Subject<QueryCacheCommand>();
  /** Every command as it runs, the tag commands included. */
  readonly commands$ = this.commands.asObservable();
  readonly invalidations$ = this.commands$.pipe(filter((c): c is CacheCommand => typeof c === 'string'));
  private readonly entries = new Map<string, Entry>();
  private on: boolean;

  constructor(active: boolean) {
    this.on = active;
    // Subscribed first, so a command has run by the time anyone else sees it.
    this.commands.subscribe((command) => this.run(command));
  }

  /**
   * Dropping an entry is what keeps its in-flight response out: the entry is no longer the one
   * under its key when the response arrives (see `get`), so it is never marked done nor found again.
   */
  private run(command: QueryCacheCommand): void {
    if (typeof command === 'string') {
      if (command !== 'activate') this.entries.clear();
      if (command !== 'purge') this.on = command === 'activate';
    } else if (command.type === 'invalidate') {
      for (const [key, entry] of this.entries)
        if (command.tags.some((tag) => entry.tags.has(tag))) this.entries.delete(key);
    } else {
      for (const [key, entry] of this.entries) {
        if (!entry.tags.has(command.tag)) continue;
        // An answer still on its way may have left the server before the change: dropped instead.
        if (entry.done) entry.value = frozen(command.update(entry.value, key));
        else this.entries.delete(key);
      }
    }
  }

  get active(): boolean {
    return this.on;
  }

  activate(): void {
    this.commands.next('activate');
  }

  deactivate(): void {
    this.commands.next('deactivate');
  }

  purge(): void {
    this.commands.next('purge');
  }

  /**
   * Drops every entry carrying any of `tags`, as `purge` drops all: a response in flight for one
   * is kept out, and the next subscriber fetches again. Entries without them stay.
   *
   * @example cache.invalidate(cacheTag('ticket', spaceId, 201), cacheTag('tickets', spaceId))
   */
  invalidate(...tags: readonly string[]): void {
    if (tags.length > 0) this.commands.next({ type: 'invalidate', tags });
  }

  /**
   * Replaces the value of every completed entry carrying `tag` with `update(value, key)` (frozen,
   * as cached values are); an entry still in flight is dropped instead, as by `invalidate`, since
   * its answer may predate the change. `update` must handle every shape cached under the tag.
   *
   * @example
   * cache.patch(cacheTag('tickets', spaceId), (list: Ticket[]) => list.map((t) => (t.id === edited.id ? edited : t)));
   */
  patch<T>(tag: string, update: (value: T, key: string) => T): void {
    this.commands.next({ type: 'patch', tag, update: update as (value: unknown, key: string) => unknown });
  }

  /**
   * The keys of the entries carrying `tag`, completed or in flight, in the order they were made.
   *
   * @example cache.keysTagged(cacheTag('space', spaceId)) // ['/v1/spaces/x/users', ...]
   */
  keysTagged(tag: string): string[] {
    return [...this.entries].filter(([, entry]) => entry.tags.has(tag)).map(([key]) => key);
  }

  /**
   * The result of `fetch()` (one value, then complete) under `key`: replayed from the cache when active
   * and present. The entry carries `tags` (with those of any earlier `get` of the same key).
   */
  get<T>(key: string, fetch: () => Observable<T>, tags: readonly string[] = []): Observable<T> {
    return defer(() => {
      if (!this.on) return fetch();
      let entry = this.entries.get(key);
      for (const tag of tags) entry?.tags.add(tag);
      // A kept value is served as is: `firstValueFrom` or `take(1)` leave as soon as the value
      // arrives, which would otherwise reset the shared fetch before it could replay.
      if (entry?.done) return of(entry.value as T);
      if (!entry) {
        const created: Entry = {
          value$: fetch().pipe(
            tap({
              next: (value) => {
                if (this.entries.get(key) !== created) return;
                created.value = frozen(value);
                created.done = true;
              },
              error: () => {
                if (this.entries.get(key) === created) this.entries.delete(key);
              },
            }),
            // Shares the fetch while it is in flight. refCount: when every subscriber leaves
            // before the answer, the request is aborted and the next subscriber starts it again.
            shareReplay({ bufferSize: 1, refCount: true }),
          ),
          tags: new Set(tags),
          done: false,
          value: undefined,
        };
        this.entries.set(key, created);
        entry = created;
      }
      return entry.value$ as Observable<T>;
    });
  }

  /** The completed result under `key`, without fetching; undefined when not cached. */
  peek<T>(key: string): T | undefined {
    const entry = this.on ? this.entries.get(key) : undefined;
    return entry?.done ? (entry.value as T) : undefined;
  }
}
