// Seed README, "Caching": repeated queries cost nothing while the space's cache is on; deactivate()
// and purge() make the next query ask the server again. `requests$` shows what went over the wire.
import { firstValueFrom, shareReplay } from 'rxjs';
import { API, ticket, tickets } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';

/** Runs `work` and returns how many HTTP requests it sent. */
async function counting(assembla: API, work: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const sub = assembla.requests$.subscribe((e) => e.type === 'start' && n++);
  try {
    await work();
  } finally {
    sub.unsubscribe();
  }
  return n;
}

export const caching: Example = async ({ assembla, spaceName, print }) => {
  const space$ = assembla.space({ name: spaceName }).pipe(shareReplay(1));
  const space = await firstValueFrom(space$);
  const testing = () => firstValueFrom(space$.pipe(tickets({ status_name: 'Test' })));

  print(`tickets awaiting testing, cold: ${await counting(assembla, testing)} requests`);
  print(`the same again, warm: ${await counting(assembla, testing)} requests`);
  const ticket201 = () => firstValueFrom(space$.pipe(ticket({ number: 201 })));
  print(`ticket 201 from the cached list: ${await counting(assembla, ticket201)} requests`);

  // Deactivate the cache for a space: all subsequent requests return fresh data
  space.cache.deactivate();
  print(`with the cache off: ${await counting(assembla, testing)} requests`);

  // Purge stale data from the space's cache; any subsequent request refills it
  space.cache.activate();
  await testing();
  space.cache.purge();
  print(`after purge(): ${await counting(assembla, testing)} requests, then ${await counting(assembla, testing)} warm`);

  // Deactivate the cache for all spaces: new API({ ..., useCache: false })
};

if (require.main === module) runAlone(caching);
