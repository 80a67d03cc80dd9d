// Seed README, "Examples for Users".
import { firstValueFrom, shareReplay } from 'rxjs';
import { ticket, tickets, user } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';

export const users: Example = async ({ assembla, spaceName, print }) => {
  // Select a specific user
  const user$ = assembla.space({ name: spaceName }).pipe(user({ name: 'John Smith' }), shareReplay(1));

  // Retrieve the user's tickets
  const theirs = await firstValueFrom(user$.pipe(tickets()));
  print(`tickets of John Smith: ${theirs.length}`);

  // Retrieve a specific ticket from the user
  const testing = await firstValueFrom(user$.pipe(ticket({ status_name: 'Test' })));
  print(`John Smith's ticket awaiting testing: #${testing.number} ${testing.summary}`);
};

if (require.main === module) runAlone(users);
