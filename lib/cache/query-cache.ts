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
 * A command on some entries (cache/tags.ts: `invalidate`, `patch`): what it does travels with it,
 * so a page that never writes carries none of it.
 */
export interface EntryCommand {
  readonly type: string;
  readonly tags: readonly string[];
  /** Runs on the entries, in the command stream's order. */
  readonly apply: (entries: Map<string, Entry>) => void;
}

/**
 * Every command a `QueryCache` runs, in the order it runs them: the three of `CacheHandle`, and
 * the entry commands, which `invalidations$` leaves out so that a switch over its values stays whole.
 */
export type QueryCacheCommand = CacheCommand | EntryCommand;

/** One cached answer, with the tags of what it holds. */
export interface Entry {
  readonly value$: Observable<unknown>;
  /** What the entry holds (see `get`), for `invalidate` and `patch`. */
  readonly tags: Set<string>;
  done: boolean;
  value: unknown;
  /** When the answer arrived, by the cache's clock (for `maxAge`). */
  at?: number;
}

/** Cached values are shared by every subscriber: frozen, as their entities are. */
export function frozen<T>(value: T): T {
  return typeof value === 'object' && value !== null ? Object.freeze(value) : value;
}

/**
 * A cache of query results keyed by request (`cacheKey`: path + parameters): the first subscriber
 * fetches, everyone after it gets the replayed result (`shareReplay`, one request). Errors are not
 * kept. Entries carry tags (`cacheTag`), so a write can drop or update (cache/tags.ts) exactly
 * the entries it touched. Every change goes through one Subject of commands.
 *
 * @example cache.get(cacheKey(path, params), () => fetchAll$, ['tickets'])
 */
export class QueryCache implements CacheHandle {
  private readonly commands = new Subject<QueryCacheCommand>();
  /** Every command as it runs, the tag commands included. */
  readonly commands$ = this.commands.asObservable();
  readonly invalidations$ = this.commands$.pipe(filter((c): c is CacheCommand => typeof c === 'string'));
  /** The entries by key (read by cache/tags.ts; changed only by commands). */
  readonly entries = new Map<string, Entry>();
  private on: boolean;

  /**
   * `clock` is the API's (its scheduler's: lib/transport/pipeline.ts) and `maxAge` the age in ms past
   * which a kept answer is fetched again (default: kept until dropped).
   */
  constructor(
    active: boolean,
    private readonly clock: { now(): number } = Date,
    private readonly maxAge = Infinity,
  ) {
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
    } else command.apply(this.entries);
  }

  /** Runs a command on the entries, through the one command stream. */
  send(command: EntryCommand): void {
    this.commands.next(command);
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

  /** The entry under `key`, unless its answer is older than `maxAge` (the cache's own by default). */
  private fresh(key: string, maxAge = this.maxAge): Entry | undefined {
    const entry = this.entries.get(key);
    return entry?.done && this.clock.now() - entry.at! > maxAge ? undefined : entry;
  }

  /**
   * The result of `fetch()` (one value, then complete) under `key`: replayed from the cache when active
   * and present, and no older than `maxAge`. The entry carries `tags` (with those of any earlier `get`
   * of the same key).
   */
  get<T>(key: string, fetch: () => Observable<T>, tags: readonly string[] = [], maxAge?: number): Observable<T> {
    return defer(() => {
      if (!this.on) return fetch();
      let entry = this.fresh(key, maxAge);
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
                created.at = this.clock.now();
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

  /** The completed result under `key`, without fetching; undefined when not cached or older than `maxAge`. */
  peek<T>(key: string, maxAge?: number): T | undefined {
    const entry = this.on ? this.fresh(key, maxAge) : undefined;
    return entry?.done ? (entry.value as T) : undefined;
  }
}
