// The browser dashboard's data: the one function the page reads from (main.ts renders what it emits).
import { Observable, combineLatest, map, scan, shareReplay, startWith } from 'rxjs';
import { API, Ticket, changes, tickets } from '../../lib';

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
 * The dashboard of a space: the counts now, then again whenever they or the latest changes change
 * (polled every `everyMs`).
 *
 * @example dashboard$(new API({ auth: { token } }), 'Big Project', 30_000).subscribe(render)
 */
export function dashboard$(assembla: API, spaceName: string, everyMs: number): Observable<Dashboard> {
  // Both live queries share the space's one poller: one GET /activity a poll, whatever the number of
  // tickets; the changed tickets are read again by number, ten a request.
  const space$ = assembla.space({ name: spaceName }).pipe(shareReplay(1));
  const counts$ = space$.pipe(tickets(undefined, { live: { every: everyMs } }), map(countByStatus));
  const latest$ = space$.pipe(
    changes({ every: everyMs }),
    map((c) => ({ who: c.by.name, what: describeChange(c.kind, c.operation, c.number ?? c.id), when: c.at })),
    scan((list: LatestChange[], change) => [change, ...list].slice(0, LATEST), []),
    startWith([]),
  );
  return combineLatest([counts$, latest$]).pipe(map(([counts, latest]) => ({ counts, latest })));
}

/**
 * Tickets per status name (the terminal dashboard counts with it too: examples/dashboard.ts).
 *
 * @example countByStatus(list).get('New') // 12
 */
export function countByStatus(list: readonly Ticket[]): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const t of list) counts.set(t.status_name, (counts.get(t.status_name) ?? 0) + 1);
  return counts;
}

/**
 * A change in a few words.
 *
 * @example describeChange('ticket', 'set to fixed', 12) // 'ticket #12 set to fixed'
 */
export function describeChange(kind: string, operation: string, which: number | string | undefined): string {
  const name = typeof which === 'number' ? `#${which}` : (which ?? '');
  return `${kind} ${name} ${operation}`.replace(/\s+/g, ' ');
}
