// Seed README, "Examples for Tickets".
import { firstValueFrom, shareReplay } from 'rxjs';
import { ticket, tickets, user } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';

export const ticketsExample: Example = async ({ assembla, spaceName, print }) => {
  const space$ = assembla.space({ name: spaceName }).pipe(shareReplay(1));

  // Retrieve a specific ticket
  const t201 = await firstValueFrom(space$.pipe(ticket({ number: 201 })));
  print(`ticket 201: ${t201.summary} [${t201.status_name}]`);

  // Retrieve all tickets awaiting code review
  const review = await firstValueFrom(space$.pipe(tickets({ status_name: 'Code Review' })));
  print(`tickets awaiting code review: ${review.length}`);

  // Retrieve all tickets assigned to an individual which are of a certain priority and awaiting testing
  const john = await firstValueFrom(space$.pipe(user({ name: 'John Smith' })));
  const urgent = await firstValueFrom(
    space$.pipe(tickets({ assigned_to_id: john.id, priority: 1, status_name: 'Test' })),
  );
  print(`John Smith's priority-1 tickets awaiting testing: ${urgent.map((t) => `#${t.number}`).join(', ') || 'none'}`);
};

if (require.main === module) runAlone(ticketsExample);
