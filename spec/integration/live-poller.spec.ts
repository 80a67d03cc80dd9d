// The change-log poller over real HTTP: changes another client makes (a second API on the same local
// server) reach the first API's cache after one poll, for the cost of one request to the activity
// stream and one `number[]` selection, and `changes()` reports them.
import { filter, firstValueFrom, of, take, toArray } from 'rxjs';
import { API, type RequestEvent, type Space, type Ticket, changes, ticket, tickets, updateTicket } from '../../lib';
import type { Client } from '../../lib/engine/client';
import { linkOf } from '../../lib/engine/entities';
import { entityScope } from '../../lib/engine/scope';
import { joinPoller } from '../../lib/live/poller';
import { useLocalServer } from '../support/local';

const EVERY = 100;

describe('the change-log poller over real HTTP', () => {
  const local = useLocalServer({ data: { tickets: 60 } }, 'test');

  async function setup(): Promise<{ api: API; other: API; space: Space; starts: string[]; numbers: number[] }> {
    const api = local.api();
    const other = local.api();
    const space = (await firstValueFrom(api.spaces()))[0];
    const numbers = (await firstValueFrom(of(space).pipe(tickets()))).map((t) => t.number);
    const starts: string[] = [];
    api.requests$.subscribe((e: RequestEvent) => {
      if (e.type === 'start') starts.push(new URL(e.url).pathname + new URL(e.url).search);
    });
    return { api, other, space, starts, numbers };
  }

  const cached = (space: Space): Promise<Ticket[]> => firstValueFrom(of(space).pipe(tickets()));

  it('tickets another client changed are in the first API’s cached tickets() after a poll, by number', async () => {
    const { other, space, starts, numbers } = await setup();
    const scope = entityScope(linkOf<Client>(space, 'test', ['space']), space);
    const mine = numbers.slice(0, 3);
    const seen = new Set<number>();
    let polls = 0;
    // Polls may fall between the other client's writes: until every change was reported.
    const all = firstValueFrom(
      joinPoller(scope, { every: EVERY }).pipe(
        filter((r) => {
          polls++;
          r.changes.forEach((c) => seen.add(c.number!));
          return mine.every((n) => seen.has(n));
        }),
      ),
    );
    const before = starts.length;
    const theirs = (await firstValueFrom(other.spaces()))[0];
    for (const n of mine)
      await firstValueFrom(of(theirs).pipe(ticket({ number: n }), updateTicket({ summary: `Theirs ${n}` })));
    await all;
    const list = await cached(space);
    expect(list.filter((t) => t.summary.startsWith('Theirs')).map((t) => t.number)).toEqual(mine);
    // One request to the stream a poll, and the changed tickets by number: never the whole list again.
    const during = starts.slice(before);
    expect(during.filter((u) => u.startsWith('/v1/activity?space_id='))).toHaveLength(polls);
    const selections = during.filter((u) => !u.startsWith('/v1/activity'));
    expect(selections.length).toBeGreaterThan(0);
    expect(selections.length).toBeLessThanOrEqual(mine.length);
    for (const u of selections) expect(u).toMatch(new RegExp(`^/v1/spaces/${space.id}/tickets\\?number%5B%5D=\\d+`));
  }, 20_000);

  it('changes() reports another client’s changes, oldest first, each once', async () => {
    const { other, space, numbers } = await setup();
    const feed = firstValueFrom(of(space).pipe(changes({ every: EVERY }), take(2), toArray()));
    const theirs = (await firstValueFrom(other.spaces()))[0];
    await firstValueFrom(of(theirs).pipe(ticket({ number: numbers[5] }), updateTicket({ status: 'Fixed' })));
    await firstValueFrom(of(theirs).pipe(ticket({ number: numbers[6] }), updateTicket({ priority: 1 })));
    const seen = await feed;
    expect(seen.map((c) => [c.kind, c.operation, c.number, c.spaceId])).toEqual([
      ['ticket', 'set to fixed', numbers[5], space.id],
      ['ticket', 'updated', numbers[6], space.id],
    ]);
    expect((await cached(space)).find((t) => t.number === numbers[5])?.status).toBe('Fixed');
  }, 20_000);
});
