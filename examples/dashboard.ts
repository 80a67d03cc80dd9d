// Used-by case: a polling dashboard. Counts of tickets per status, refreshed on an interval and
// printed as a small table that updates in place on a terminal (a new table per refresh otherwise).
import {
  Observable,
  SchedulerLike,
  asyncScheduler,
  exhaustMap,
  firstValueFrom,
  map,
  shareReplay,
  take,
  tap,
  timer,
  toArray,
} from 'rxjs';
import { Space, tickets } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';

export type StatusCounts = ReadonlyMap<string, number>;

/**
 * Counts of the space's tickets per status, every `intervalMs`. Each poll purges the space's cache
 * first so it sees fresh data, and a poll that is still running makes the next tick wait
 * (`exhaustMap`) instead of piling requests up.
 *
 * @example statusCounts(space$, 30_000).subscribe((counts) => render(counts))
 */
export function statusCounts(
  space$: Observable<Space>,
  intervalMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<StatusCounts> {
  return timer(0, intervalMs, scheduler).pipe(
    exhaustMap(() =>
      space$.pipe(
        tap((space) => space.cache.purge()),
        tickets(),
        map((list) => {
          const counts = new Map<string, number>();
          for (const t of list) counts.set(t.status_name, (counts.get(t.status_name) ?? 0) + 1);
          return counts;
        }),
      ),
    ),
  );
}

/** The counts as a small table. */
export function renderTable(counts: StatusCounts, at: Date): string[] {
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const width = Math.max(6, ...rows.map(([s]) => s.length));
  const total = rows.reduce((n, [, c]) => n + c, 0);
  return [
    `${'status'.padEnd(width)}  tickets   (${at.toISOString().slice(11, 19)} UTC)`,
    `${'-'.repeat(width)}  -------`,
    ...rows.map(([s, c]) => `${s.padEnd(width)}  ${String(c).padStart(7)}`),
    `${'total'.padEnd(width)}  ${String(total).padStart(7)}`,
  ];
}

export const dashboard: Example = async ({ assembla, spaceName, print }) => {
  const refreshes = Number(process.env.DASHBOARD_REFRESHES ?? 3);
  const intervalMs = Number(process.env.DASHBOARD_INTERVAL_MS ?? 1000);
  const space$ = assembla.space({ name: spaceName }).pipe(shareReplay(1));
  const redraw = process.stdout.isTTY && print === console.log;
  let lines = 0;
  await firstValueFrom(
    statusCounts(space$, intervalMs).pipe(
      take(refreshes),
      tap((counts) => {
        const table = renderTable(counts, new Date());
        // On a terminal, move the cursor up over the previous table and draw over it.
        if (redraw && lines) process.stdout.write(`\x1b[${lines}A`);
        table.forEach((line) => print(redraw ? `${line}\x1b[K` : line));
        lines = table.length;
      }),
      toArray(),
    ),
  );
};

if (require.main === module) runAlone(dashboard);
