import { firstValueFrom, forkJoin, shareReplay } from 'rxjs';
import { ticket, tickets } from '../../lib';
import { useLocalServer } from '../support/local';

describe('caches and sharing over real HTTP', () => {
  // A server per test: an earlier test's aborted requests may land late.
  const local = useLocalServer({ data: { tickets: 300 }, latencyMs: 20 }, 'test');
  beforeEach(() => {
    expect.hasAssertions();
    local.server.stats.reset();
  });

  it('a repeated space({ name }) and ticket({ number }) cost no request when warm', async () => {
    const api = local.api();
    await firstValueFrom(api.space({ name: 'Big Project' }).pipe(ticket({ number: 201 })));
    const cold = local.count();
    await firstValueFrom(api.space({ name: 'Big Project' }).pipe(ticket({ number: 201 })));
    expect(cold).toBe(2);
    expect(local.count()).toBe(2);
  });

  it.each([true, false])(
    'concurrent subscribers to one cold query cause one request (useCache: %s)',
    async (useCache) => {
      const api = local.api({ useCache });
      const space = await firstValueFrom(api.space({ wiki_name: 'big-project' }));
      local.server.stats.reset();
      const query = api.space({ wiki_name: 'big-project' }).pipe(ticket({ number: 7 }));
      const results = await firstValueFrom(forkJoin(Array.from({ length: 20 }, () => query)));
      expect(new Set(results.map((t) => t.id)).size).toBe(1);
      expect(local.count('GET /spaces/:space/tickets/:number')).toBe(1);
      expect(space.cache.active).toBe(useCache);
    },
  );

  it('useCache: false asks the server every time; deactivate() on one space leaves others cached', async () => {
    const off = local.api({ useCache: false });
    await firstValueFrom(off.space({ name: 'Big Project' }));
    await firstValueFrom(off.space({ name: 'Big Project' }));
    expect(local.count('GET /spaces')).toBe(2);

    const api = local.api();
    const big$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const other$ = api.space({ name: 'Mobile App' }).pipe(shareReplay(1));
    await firstValueFrom(forkJoin([big$.pipe(tickets()), other$.pipe(tickets())]));
    (await firstValueFrom(big$)).cache.deactivate();
    local.server.stats.reset();
    await firstValueFrom(forkJoin([big$.pipe(tickets()), other$.pipe(tickets())]));
    const bigId = (await firstValueFrom(big$)).id;
    const asked = local.server.stats.log.map((e) => e.path);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((p) => p.includes(bigId))).toBe(true);
  });

  it('errors are not cached: the next subscriber asks again', async () => {
    const api = local.api();
    const missing = api.space({ name: 'Big Project' }).pipe(ticket({ number: 5000 }));
    await expect(firstValueFrom(missing)).rejects.toThrow(/{ number: 5000 }/);
    await expect(firstValueFrom(missing)).rejects.toThrow(/{ number: 5000 }/);
    expect(local.count('GET /spaces/:space/tickets/:number')).toBe(2);
  });

  it('every Space object of one space shares one cache', async () => {
    const api = local.api();
    const a = await firstValueFrom(api.space({ wiki_name: 'big-project' }));
    const b = (await firstValueFrom(api.spaces({ name: 'Big Project' })))[0];
    expect(a).not.toBe(b);
    expect(a.cache).toBe(b.cache);
    expect(Object.keys(a)).not.toContain('cache');
  });
});
