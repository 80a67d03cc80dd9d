// The browser dashboard's data: the one function the page reads from (main.ts renders what it emits).
import { Observable, defer, distinctUntilChanged, exhaustMap, forkJoin, map, of, shareReplay, tap, timer } from 'rxjs';
import { API, ActivityEvent, Ticket, activity, tickets } from '../../lib';

/** One change as the page lists it: who did what, when. */
export interface LatestChange {
  readonly who: string;
  /** E.g. `ticket #12 set to fixed`. */
  readonly what: string;
  readonly when: Date;
}

/** What the page shows: tickets per status, and the changes seen since it opened, newest first. */
export interface Dashboard {
  readonly counts: ReadonlyMap<string, number>;
  readonly latest: readonly LatestChange[];
}

/** How many changes the page lists. */
export const LATEST = 10;

/**
 * The dashboard of a space: the counts now, then again after every poll (every `everyMs`) that changed
 * what the page shows.
 *
 * @example dashboard$(new API({ auth: { token } }), 'Big Project', 30_000).subscribe(render)
 */
export function dashboard$(assembla: API, spaceName: string, everyMs: number): Observable<Dashboard> {
  // LIVE: once `{ live }` and `changes()` are merged, this body becomes (the same Dashboard, one
  // GET /activity a poll whatever the number of tickets):
  //   const space$ = assembla.space({ name: spaceName }).pipe(shareReplay(1));
  //   const counts$ = space$.pipe(tickets(undefined, { live: { every: everyMs } }), map(countByStatus));
  //   const latest$ = space$.pipe(
  //     changes({ every: everyMs }),
  //     map((c) => ({ who: c.by.name, what: describeChange(c.kind, c.operation, c.number ?? c.id), when: c.at })),
  //     scan((list: LatestChange[], change) => [change, ...list].slice(0, LATEST), []),
  //     startWith([]),
  //   );
  //   return combineLatest([counts$, latest$]).pipe(map(([counts, latest]) => ({ counts, latest })));
  // Until then: the naive poll. Each poll purges the space's cache and reads every ticket again, plus the
  // activity since the page opened (one GET /activity a poll, as the live version will cost); a poll that is
  // still running makes the next tick wait (exhaustMap).
  return defer(() => {
    // Activity dates have whole seconds: from the start of this second, so that nothing of it is missed.
    const opened = new Date(Math.floor(Date.now() / 1000) * 1000);
    const space$ = assembla.space({ name: spaceName }).pipe(shareReplay(1));
    return timer(0, everyMs).pipe(
      exhaustMap(() =>
        space$.pipe(
          tap((space) => space.cache.purge()),
          exhaustMap((space) =>
            forkJoin([of(space).pipe(tickets()), of(space).pipe(activity({ since: opened }))]).pipe(
              map(([list, events]) => ({ counts: countByStatus(list), latest: latestOf(events) })),
            ),
          ),
        ),
      ),
      distinctUntilChanged(sameDashboard),
    );
  });
}

/** Tickets per status name. */
export function countByStatus(list: readonly Ticket[]): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const t of list) counts.set(t.status_name, (counts.get(t.status_name) ?? 0) + 1);
  return counts;
}

/** E.g. `ticket #12 set to fixed`, `milestone 4 created`. */
export function describeChange(kind: string, operation: string, which: number | string | undefined): string {
  const name = typeof which === 'number' ? `#${which}` : (which ?? '');
  return `${kind} ${name} ${operation}`.replace(/\s+/g, ' ');
}

// Interim only (the live version gets kind and number from `changes()`): the newest LATEST events as
// changes. A ticket's number is in its URL (`.../tickets/12`), whatever the event's `object_id` holds.
function latestOf(events: readonly ActivityEvent[]): LatestChange[] {
  return events
    .slice(-LATEST)
    .reverse()
    .map((e) => {
      const number = /\/tickets\/(\d+)/.exec(e.url)?.[1];
      const which = number ? Number(number) : e.object_id;
      return {
        who: e.author_name ?? '',
        what: describeChange(e.object.toLowerCase(), e.operation, which),
        when: new Date(+e.date),
      };
    });
}

function sameDashboard(a: Dashboard, b: Dashboard): boolean {
  const key = (d: Dashboard): string =>
    JSON.stringify([[...d.counts].sort(), d.latest.map((c) => [c.who, c.what, +c.when])]);
  return key(a) === key(b);
}
