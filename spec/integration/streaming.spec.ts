import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { streamTickets, tickets } from '../../lib';
import { pause, useLocalServer } from '../support/local';

describe('streamTickets over real HTTP', () => {
  // A server per test: requests aborted by an earlier test may reach a shared one late.
  const local = useLocalServer({ data: { tickets: 1500 }, latencyMs: 30 }, 'test');
  beforeEach(() => expect.hasAssertions());

  it('emits every ticket once, in order, as pages arrive', async () => {
    const api = local.api();
    const all = await lastValueFrom(api.space({ name: 'Big Project' }).pipe(streamTickets(), toArray()));
    expect(all.map((t) => t.number)).toEqual(Array.from({ length: 1500 }, (_, i) => i + 1));
  });

  it('keeps several page requests in flight (look-ahead, bounded by concurrency)', async () => {
    const api = local.api({ concurrency: 4 });
    let inFlight = 0;
    let most = 0;
    api.requests$.subscribe((e) => {
      if (e.type === 'start') most = Math.max(most, ++inFlight);
      if (e.type === 'end') inFlight--;
    });
    await lastValueFrom(api.space({ name: 'Big Project' }).pipe(streamTickets(), toArray()));
    expect(most).toBe(4);
  });

  it('stops asking for pages when the subscriber leaves (take(5))', async () => {
    const api = local.api();
    const five = await lastValueFrom(api.space({ name: 'Big Project' }).pipe(streamTickets(), take(5), toArray()));
    expect(five.map((t) => t.number)).toEqual([1, 2, 3, 4, 5]);
    await pause(300);
    expect(local.count('GET /spaces/:space/tickets')).toBe(1);
  });

  it('aborts the pages in flight when unsubscribed mid-way', async () => {
    const api = local.api();
    const aborted: string[] = [];
    let sent = 0;
    api.requests$.subscribe((e) => {
      if (e.type === 'start' && e.url.includes('/tickets')) sent++;
      if (e.type === 'end' && e.error?.includes('aborted')) aborted.push(e.url);
    });
    const some = await lastValueFrom(api.space({ name: 'Big Project' }).pipe(streamTickets(), take(150), toArray()));
    expect(some).toHaveLength(150);
    expect(aborted.length).toBeGreaterThan(0);
    const sentAtUnsubscribe = sent;
    await pause(300);
    // Nothing more was sent, and the server saw no page beyond those (the aborted ones may or may
    // not reach it, depending on how far they got).
    expect(sent).toBe(sentAtUnsubscribe);
    expect(local.count('GET /spaces/:space/tickets')).toBeLessThanOrEqual(sentAtUnsubscribe);
  });

  it('never fills a cache, but reads a cached full list when there is one', async () => {
    const api = local.api();
    // Counted as the client sends them: exact, whatever requests of an earlier step land late.
    let pages = 0;
    let sent = 0;
    api.requests$.subscribe((e) => {
      if (e.type === 'start') sent++;
      if (e.type === 'start' && new URL(e.url).pathname.endsWith('/tickets')) pages++;
    });
    const space = await firstValueFrom(api.space({ name: 'Big Project' }));
    await lastValueFrom(api.space({ name: 'Big Project' }).pipe(streamTickets({ status_name: 'Test' }), toArray()));
    pages = 0;
    // Streamed once already, yet the second stream reads every page again: nothing was cached.
    await lastValueFrom(api.space({ name: 'Big Project' }).pipe(streamTickets({ status_name: 'Test' }), toArray()));
    expect(pages).toBeGreaterThanOrEqual(16);
    const list = await firstValueFrom(api.space({ name: 'Big Project' }).pipe(tickets()));
    sent = 0;
    const streamed = await lastValueFrom(
      api.space({ name: 'Big Project' }).pipe(streamTickets({ status_name: 'Test' }), toArray()),
    );
    expect(sent).toBe(0);
    expect(streamed).toEqual(list.filter((t) => t.status_name === 'Test'));
    expect(space.cache.active).toBe(true);
  });
});
