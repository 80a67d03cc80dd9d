import { Observable, defer } from 'rxjs';
import type { CacheHandle } from './cache/query-cache';
import { Client } from './engine/client';
import type { ActivityEvent, SpaceData } from './codecs';
import { type Space, type User, linkOf } from './engine/entities';
import type { Filter, SingleFilter } from './engine/filters';
import { APIOptions, resolveOptions } from './options';
import { ActivityWindow, readActivity } from './engine/activity';
import { findOne, listOf, readOne } from './engine/read';
import { Scope, apiScope, entityScope } from './engine/scope';
import { activityEvents } from './resources/activity';
import { spaces } from './resources/spaces';
import { me } from './resources/me';
import { Transport } from './transport/pipeline';
import type { RequestEvent } from './transport/types';
import { createXHR } from '#xhr';

/** The window and the space of `API.activity`. */
export interface ActivityQuery extends ActivityWindow {
  /** One space (a Space from a query, or a space's id); default every space the caller sees. */
  readonly space?: Space | string;
}

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
    return readOne(me, apiScope(this.#client));
  }

  /**
   * What happened in the window, in every space these credentials see or in one (`space`: a Space
   * from a query, or a space id), as one array, oldest first, each event once, `date` a `Date`.
   * `since` is inclusive, `until` exclusive (so consecutive windows neither miss nor repeat an
   * event); the default window is all the API keeps, the last 60 days before now, and a `since`
   * older than that (by the API's `scheduler`) is a `FilterError` through the Observable, as is an
   * `until` before `since`. Not cached: each subscription reads the stream again.
   *
   * The API documents neither the order of its pages nor the zone and inclusiveness of `from`/`to`,
   * so they are sent widened by 14 hours (no zone is further from UTC) and the window is cut by the
   * events' own dates. Pages are read one at a time, newest first on Assembla, stopping at the
   * first event older than `since`: one request per 50 events from the newest (before `until`,
   * give or take 14 hours) down to `since`. A server that pages oldest first is read to the end
   * of the widened window instead, never stopped early.
   *
   * @example
   * assembla.activity({ since: new Date(Date.now() - 3_600_000) })
   *   .subscribe((events) => events.forEach((e) => console.log(e.date, e.space_name, e.operation, e.title)));
   */
  activity(query: ActivityQuery = {}): Observable<ActivityEvent[]> {
    const { space, ...window } = query;
    const client = this.#client;
    const scope = (): Scope =>
      space === undefined
        ? apiScope(client)
        : typeof space === 'string'
          ? { client, kind: 'space', spaceId: space }
          : entityScope(linkOf<Client>(space, 'activity', ['space']), space);
    return defer(() => readActivity(activityEvents, scope(), window, 'activity'));
  }

  /** The base URL only: a printed API never shows its credentials. */
  toJSON(): { baseUrl: string } {
    return { baseUrl: this.#client.options.baseUrl };
  }
}
