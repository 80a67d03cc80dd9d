// Triage (the writes issue, item 9): every ticket in status New assigned to nobody is taken by the
// caller, moved on to Accepted (or the space's next open status), and commented on. A demo, so at
// most `limit` tickets.
import { concatMap, firstValueFrom, from, lastValueFrom, map, of, shareReplay, toArray } from 'rxjs';
import { addComment, statuses, tickets, updateTicket } from '../lib';
import { writing, type Example } from './support/context';
import { runAlone } from './support/connect';

/** How many tickets the demo triages at most. */
export const TRIAGE_LIMIT = 3;

export const triage: Example = writing(async ({ assembla, spaceName, print }) => {
  const space$ = assembla.space({ name: spaceName }).pipe(shareReplay(1));
  const me = await firstValueFrom(assembla.me());

  // Where triaged tickets go: Accepted if the space has it, else its first open status after New.
  const open = await firstValueFrom(space$.pipe(statuses({ state: 1 })));
  const next = (open.find((s) => s.name === 'Accepted') ?? open.find((s) => s.name !== 'New'))?.name;
  if (!next) return print('the space has no open status besides New: nothing to move tickets to');

  const untriaged = await firstValueFrom(space$.pipe(tickets({ status_name: 'New', assigned_to_id: null })));
  print(`${untriaged.length} tickets in New assigned to nobody; triaging ${Math.min(untriaged.length, TRIAGE_LIMIT)}`);

  // One ticket at a time: assign and move it (a PUT, read back), then comment on it (a POST).
  const triaged = await lastValueFrom(
    from(untriaged.slice(0, TRIAGE_LIMIT)).pipe(
      concatMap((t) => of(t).pipe(updateTicket({ assigned_to_id: me.id, status: next }))),
      concatMap((t) =>
        of(t).pipe(
          addComment(`Triaged: assigned to ${me.name}, moved to ${next}.`),
          map(() => t),
        ),
      ),
      toArray(),
    ),
  );
  for (const t of triaged) print(`#${t.number} ${t.summary}: assigned to ${me.login}, now ${t.status}, commented`);
});

if (require.main === module) runAlone(triage);
