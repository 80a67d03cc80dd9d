// Seed README, "Examples for Milestones".
import { firstValueFrom, shareReplay } from 'rxjs';
import { milestone, ticket, tickets, user, users } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';

export const milestones: Example = async ({ assembla, spaceName, print }) => {
  // Select a specific milestone
  const milestone$ = assembla.space({ name: spaceName }).pipe(milestone('Release Candidate 1'), shareReplay(1));

  // Retrieve the milestone's tickets (open and closed)
  const list = await firstValueFrom(milestone$.pipe(tickets()));
  print(`tickets of "Release Candidate 1": ${list.length}`);

  // Retrieve a specific ticket from the milestone
  const t301 = await firstValueFrom(milestone$.pipe(ticket({ number: 301 })));
  print(`ticket 301 of the milestone: ${t301.summary}`);

  // Retrieve the milestone's users (the assignees of its tickets)
  const people = await firstValueFrom(milestone$.pipe(users()));
  print(`users of the milestone: ${people.map((u) => u.name).join(', ')}`);

  // Retrieve a specific user from the milestone
  const john = await firstValueFrom(milestone$.pipe(user({ name: 'John Smith' })));
  print(`user of the milestone: ${john.name}`);
};

if (require.main === module) runAlone(milestones);
