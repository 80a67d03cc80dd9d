// Seed README, "Examples for Spaces".
import { firstValueFrom, shareReplay } from 'rxjs';
import { milestone, milestones, ticket, tickets, user, users } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';

export const spaces: Example = async ({ assembla, spaceName, print }) => {
  // Retrieve your available spaces
  const all = await firstValueFrom(assembla.spaces());
  print(`spaces: ${all.map((s) => s.name).join(', ')}`);

  // Select a specific space (shareReplay: the queries below reuse this one Space)
  const space$ = assembla.space({ name: spaceName }).pipe(shareReplay(1));
  const space = await firstValueFrom(space$);
  print(`space: ${space.name} (wiki_name ${space.wiki_name})`);

  // Retrieve the space's milestones
  const ms = await firstValueFrom(space$.pipe(milestones()));
  print(`milestones: ${ms.map((m) => m.title).join(', ')}`);

  // Retrieve a specific milestone from the space
  const rc1 = await firstValueFrom(space$.pipe(milestone('Release Candidate 1')));
  print(`milestone: ${rc1.title} (id ${rc1.id})`);

  // Retrieve all of the space's tickets
  const all_tickets = await firstValueFrom(space$.pipe(tickets()));
  print(`tickets: ${all_tickets.length}`);

  // Retrieve the space's tickets which are awaiting testing
  const testing = await firstValueFrom(space$.pipe(tickets({ status_name: 'Test' })));
  print(`tickets awaiting testing: ${testing.length}`);

  // Retrieve a specific ticket from the space
  const t301 = await firstValueFrom(space$.pipe(ticket({ number: 301 })));
  print(`ticket 301: ${t301.summary} [${t301.status_name}]`);

  // Retrieve all of the space's users
  const members = await firstValueFrom(space$.pipe(users()));
  print(`users: ${members.map((u) => u.name).join(', ')}`);

  // Retrieve a specific user from the space
  const john = await firstValueFrom(space$.pipe(user({ name: 'John Smith' })));
  print(`user: ${john.name} (login ${john.login})`);
};

if (require.main === module) runAlone(spaces);
