// An optimistic write over real HTTP, with latency: the cached list shows the change while the PUT
// is still on its way, then the server's version, without reading the list again.
import { firstValueFrom, lastValueFrom, shareReplay } from 'rxjs';
import { statuses, ticket, tickets, updateTicket } from '../../lib';
import { useLocalServer } from '../support/local';

describe('optimistic writes over real HTTP', () => {
  const local = useLocalServer({ data: { tickets: 50 }, latencyMs: 50 }, 'test');
  beforeEach(() => expect.hasAssertions());

  it('a cached list shows an optimistic update before the PUT is answered, then as the server has it', async () => {
    const api = local.api();
    const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    await firstValueFrom(space$.pipe(tickets()));
    await firstValueFrom(space$.pipe(statuses()));
    const space = await firstValueFrom(space$);
    const { number } = local.server.data.tickets[space.id].find((t) => t.state === 1)!;
    const onServer = () => local.server.data.tickets[space.id].find((t) => t.number === number)!;
    local.server.stats.reset();

    let answered = false;
    const write = lastValueFrom(
      space$.pipe(ticket({ number: number }), updateTicket({ status: 'Fixed' }, { optimistic: true })),
    ).finally(() => (answered = true));
    const during = await firstValueFrom(space$.pipe(tickets({ status_name: 'Fixed' })));
    expect(answered).toBe(false);
    expect(onServer().status).not.toBe('Fixed'); // the server has not applied it yet
    expect(during.find((t) => t.number === number)).toMatchObject({ status: 'Fixed', state: 0 });

    const written = await write;
    const after = await firstValueFrom(space$.pipe(tickets()));
    expect(after.find((t) => t.number === number)).toBe(written);
    expect(onServer().status).toBe('Fixed');
    expect(written.updated_at.getTime()).toBe(Date.parse(onServer().updated_at));
    // The write's PUT and read-back only: no list was read again.
    expect(local.count()).toBe(2);
  });
});
