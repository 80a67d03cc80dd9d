// Reading the activity stream (digest §15) for a time window. The API leaves undocumented the order
// of its pages and the zone and inclusiveness of `from`/`to` (minute precision), and events have no
// id. So:
// - `from`/`to` are sent in UTC widened by 14 hours and a minute on each side (no zone is further
//   from UTC than ±14:00), so that whatever zone the server reads them in and whether it includes
//   the minute of `from`, they ask for a superset of the window; the window is then cut exactly on
//   the client by the events' own dates. A bound that would not narrow the answer (a `from` older
//   than the 60 days kept, a `to` later than now) is not sent.
// - Pages are read one at a time (no look-ahead: a read may stop early), and the read stops after
//   the first page holding an event older than `since`, but only while the dates seen so far go
//   newest first. A server that answers oldest first (or in no order the dates show) is read to the
//   end of its (widened) window: never an early stop in silence.
// - Events are de-duplicated on (date, object, object_id, operation, author_id, title) as the digest
//   advises (a page may repeat events that new ones pushed down): the row's `key`, by which paging
//   drops repeats. They are delivered oldest first.
// - Nothing is cached: a window that ends now has a different answer each time it is read.
import { Observable, defer, map, of, reduce, takeWhile } from 'rxjs';
import type { ActivityEvent } from '../codecs/activity-event';
import { FilterError } from '../core/errors';
import type { ResourceRow } from '../resources/row';
import { requestOf } from './read';
import { Scope, sourceOf } from './scope';

/** The window of an activity read: `since` inclusive, `until` exclusive (either may be left open). */
export interface ActivityWindow {
  /** The oldest moment included (default: 60 days before now, all the API keeps). */
  readonly since?: Date;
  /** The first moment no longer included (default: none, up to now). */
  readonly until?: Date;
}

const MINUTE = 60_000;
/** Only the last 60 days of events exist (digest §15). */
export const ACTIVITY_DAYS = 60;
/** The 60 days of events the API keeps, in ms. */
export const KEPT_MS = ACTIVITY_DAYS * 86_400_000;
/** The widest offset from UTC of any zone (Kiribati, +14:00), plus the minute of `from`/`to`'s precision. */
export const OVERLAP_MS = 14 * 60 * MINUTE + MINUTE;

/**
 * The events of the scope (every space the caller sees, or one space) in the window, oldest first,
 * each once. A `since` older than the 60 days the API keeps (by the API's scheduler: virtual time in
 * tests) is a `FilterError`, as is a window that ends before it begins; both through the Observable.
 *
 * @example readActivity(activityEvents, apiScope(client), { since: new Date(Date.now() - 3_600_000) }, 'activity')
 */
export function readActivity(
  row: ResourceRow<ActivityEvent>,
  scope: Scope,
  window: ActivityWindow | undefined,
  query: string,
): Observable<ActivityEvent[]> {
  return defer(() => {
    const now = scope.client.transport.scheduler.now();
    const oldest = now - KEPT_MS;
    const since = window?.since?.getTime() ?? oldest;
    const until = window?.until?.getTime() ?? Infinity;
    // Written so that an invalid Date (NaN) fails them too.
    if (!(since >= oldest))
      throw new FilterError(
        `${query}: since must be a Date within the ${ACTIVITY_DAYS} days the API keeps, from ${queryTime(oldest)} UTC`,
      );
    if (!(until >= since)) throw new FilterError(`${query}: until must be a Date, not before since`);
    if (until === since) return of([]);
    const params: Record<string, string> = {};
    if (since - OVERLAP_MS > oldest) params.from = queryTime(since - OVERLAP_MS);
    if (until + OVERLAP_MS <= now) params.to = queryTime(until + OVERLAP_MS);
    const request = requestOf(sourceOf(row, scope, query), scope, { params });
    // The row's key (date, object, object_id, operation, author_id, title): paging drops repeats by it.
    const key = row.key as (e: ActivityEvent) => string;
    // Whether the dates seen so far go newest first: a step down and none up (equal dates say nothing).
    let previous = NaN;
    let down = false;
    let up = false;
    const newestFirst = (page: ActivityEvent[]): boolean => {
      for (const { date } of page) {
        down ||= +date < previous;
        up ||= +date > previous;
        previous = +date;
      }
      return down && !up;
    };
    return scope.client
      .pages(row.codec, request.path, { row, spaceId: scope.spaceId }, request.params, {
        lookahead: 1,
      })
      .pipe(
        // The page that reaches past `since` is the last one needed, if the pages go newest first.
        takeWhile((page) => !(newestFirst(page) && page.some((e) => +e.date < since)), true),
        reduce<ActivityEvent[], ActivityEvent[]>(
          (all, page) => (all.push(...page.filter((e) => +e.date >= since && +e.date < until)), all),
          [],
        ),
        // Oldest first; events of the same second in one order whatever the server's.
        map((events) => events.sort((a, b) => +a.date - +b.date || (key(a) < key(b) ? -1 : 1))),
      );
  });
}

/**
 * `yyyy-mm-dd hh:mm` in UTC, the minute that holds `ms`: the format `from`/`to` take.
 *
 * @example queryTime(Date.UTC(2014, 8, 10, 13, 39, 30)) // '2014-09-10 13:39'
 */
export function queryTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
