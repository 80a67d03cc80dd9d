// Used-by case: a dashboard. Counts of tickets per status, as a live query: printed now, then again
// each time they change (the space's poller finds out what changed: about one request a poll,
// whatever the number of tickets), as a small table that updates in place on a terminal.
import {
  Observable,
  distinctUntilChanged,
  firstValueFrom,
  map,
  shareReplay,
  takeUntil,
  tap,
  timer,
  toArray,
} from 'rxjs';
import { Space, tickets, updateTicket } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';
import { countByStatus } from './browser/source';

export type StatusCounts = ReadonlyMap<string, number>;

/**
 * Counts of the space's tickets per status: now, then each time they change, polling every
 * `every` ms. A change that leaves the counts as they were (a new summary) prints nothing.
 *
 * @example statusCounts(space$, 30_000).subscribe((counts) => render(counts))
 */
export function statusCounts(space$: Observable<Space>, every: number): Observable<StatusCounts> {
  return space$.pipe(tickets(undefined, { live: { every } }), map(countByStatus), distinctUntilChanged(sameCounts));
}

function sameCounts(a: StatusCounts, b: StatusCounts): boolean {
  return a.size === b.size && [...a].every(([status, n]) => b.get(status) === n);
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

export const dashboard: Example = async ({ assembla, spaceName, print, writes }) => {
  // Watches for `polls` intervals of `every` ms, then stops (a real dashboard runs until closed).
  const polls = Number(process.env.DASHBOARD_POLLS ?? 3);
  const every = Number(process.env.DASHBOARD_INTERVAL_MS ?? 500);
  const space$ = assembla.space({ name: spaceName }).pipe(shareReplay(1));
  const redraw = process.stdout.isTTY && print === console.log;
  let lines = 0;
  let tables = 0;
  await firstValueFrom(
    statusCounts(space$, every).pipe(
      takeUntil(timer(polls * every)),
      tap((counts) => {
        const table = renderTable(counts, new Date());
        // On a terminal, move the cursor up over the previous table and draw over it.
        if (redraw && lines) process.stdout.write(`\x1b[${lines}A`);
        table.forEach((line) => print(redraw ? `${line}\x1b[K` : line));
        lines = table.length;
        // Once the first table is up, a ticket moves to another status: the table follows it.
        if (++tables === 1 && writes) moveOneTicket(space$, counts, print);
      }),
      toArray(),
    ),
  );
};

/** Moves the first ticket of the largest status to the smallest one (a write; the live query shows it). */
function moveOneTicket(space$: Observable<Space>, counts: StatusCounts, print: (line: string) => void): void {
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [from, to] = [byCount[0][0], byCount[byCount.length - 1][0]];
  if (from === to) return;
  space$
    .pipe(
      tickets({ status_name: from }),
      map((list) => list[0]),
      updateTicket({ status: to }),
    )
    .subscribe({
      next: (t) => print(`(moved ticket #${t.number} from ${from} to ${to})`),
      error: (e: unknown) => print(`(could not move a ticket: ${String(e)})`),
    });
}

if (require.main === module) runAlone(dashboard);
