import type { Observable } from 'rxjs';
import type { CacheHandle } from './cache/query-cache';
import { Client } from './engine/client';
import type { SpaceData } from './codecs';
import type { Space, User } from './engine/entities';
import type { Filter, SingleFilter } from './engine/filters';
import { APIOptions, resolveOptions } from './options';
import { findOne, listOf, readOne } from './engine/read';
import { apiScope } from './engine/scope';
import { spaces } from './resources/spaces';
import { me } from './resources/me';
import { Transport } from './transport/pipeline';
import type { RequestEvent } from './transport/types';
import { createXHR } from '#xhr';

/**
 * A connection to the Assembla API: the entry point of every query.
 *
 * @example
 * const assembla = new API({ auth: { key: 'KEY', secret: 'SECRET' } });
 * assembla.space({ name: 'Big Project' }).pipe(ticket({ number: 201 }))
 *   .subscribe((t) => console.log(t.status_name));
 */
export class API {
  // A private field: neither `util.inspect(api)` nor `JSON.stringify(api)` shows it, and it is where the
  // credentials live.
  readonly #client: Client;

  /** The cache of the list of spaces: `deactivate()`, `activate()`, `purge()`. */
  readonly cache: CacheHandle;

  /**
   * Every request's events (method, URL, status, duration, attempt), for logs, progress and metrics;
   * no credential in them.
   */
  readonly requests$: Observable<RequestEvent>;

  constructor(options: APIOptions) {
    const resolved = resolveOptions(options);
    const transport = new Transport({
      ...resolved,
      createXHR: options.createXHR ?? createXHR,
      scheduler: options.scheduler,
      handler: options.http,
    });
    this.#client = new Client(transport, resolved);
    this.cache = this.#client.spacesCache;
    this.requests$ = transport.events$;
  }

  /**
   * The spaces these credentials can see that match the filter, as one array.
   *
   * @example assembla.spaces({ is_commercial: true })
   */
  spaces(filter?: Filter<SpaceData>): Observable<Space[]> {
    return listOf(spaces, apiScope(this.#client), filter, undefined, 'spaces') as Observable<Space[]>;
  }

  /**
   * The one space that matches: by `id` or `wiki_name` one direct request, by other fields from the
   * (cached) list of spaces.
   *
   * @example assembla.space({ name: 'Big Project' })
   */
  space(filter: SingleFilter<SpaceData>): Observable<Space> {
    return findOne(spaces, apiScope(this.#client), filter, 'space') as Observable<Space>;
  }

  /**
   * The caller: the user these credentials belong to (`GET /user`, one request, cached with the list of spaces).
   *
   * @example assembla.me().subscribe((me) => console.log(me.login))
   */
  me(): Observable<User> {
    return readOne(me, apiScope(this.#client), '/user');
  }

  /** The base URL only: a printed API never shows its credentials. */
  toJSON(): { baseUrl: string } {
    return { baseUrl: this.#client.options.baseUrl };
  }
}
