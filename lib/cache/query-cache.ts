import { Observable, Subject, defer, of, shareReplay, tap } from 'rxjs';

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
  /** The commands as they happen (what `activate`, `deactivate` and `purge` send). */
  readonly invalidations$: Observable<CacheCommand>;
}

/** What a cache was told to do, as `invalidations$` shows it. */
export type CacheCommand = 'activate' | 'deactivate' | 'purge';

interface Entry {
  readonly value$: Observable<unknown>;
  done: boolean;
  value: unknown;
}

/**
 * A cache of query results keyed by request (path + parameters): the first subscriber fetches,
 * everyone after it gets the replayed result (`shareReplay`, one request). Errors are not kept.
 * Invalidation goes through a Subject, so what the cache does is one stream of commands.
 *
 * @example cache.get('/spaces/x/tickets?report=0', () => fetchAll$)
 */
export class QueryCache implements CacheHandle {
  private readonly commands = new Subject<CacheCommand>();
  readonly invalidations$ = this.commands.asObservable();
  private readonly entries = new Map<string, Entry>();
  private on: boolean;

  constructor(active: boolean) {
    this.on = active;
    this.commands.subscribe((command) => {
      // Clearing the map is what keeps an in-flight response out: its entry is no longer the one
      // under its key when it completes (see `get`), so it is never marked done nor found again.
      if (command !== 'activate') this.entries.clear();
      if (command !== 'purge') this.on = command === 'activate';
    });
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
   * The result of `fetch()` (one value, then complete) under `key`: replayed from the cache when active
   * and present.
   */
  get<T>(key: string, fetch: () => Observable<T>): Observable<T> {
    return defer(() => {
      if (!this.on) return fetch();
      let entry = this.entries.get(key);
      // A kept value is served as is: `firstValueFrom` or `take(1)` leave as soon as the value
      // arrives, which would otherwise reset the shared fetch before it could replay.
      if (entry?.done) return of(entry.value as T);
      if (!entry) {
        const created: Entry = {
          value$: fetch().pipe(
            tap({
              next: (value) => {
                if (this.entries.get(key) !== created) return;
                // The cached list is shared by every subscriber: freeze it, as its entities are.
                if (Array.isArray(value)) Object.freeze(value);
                created.value = value;
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
