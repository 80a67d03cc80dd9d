// An optimistic write over real HTTP, with latency: the cached list shows the change while the PUT
// is still on its way, then the server's version, without reading the list again.
import { firstValueFrom, lastValueFrom, shareReplay } from 'rxjs';
import {
  milestone,
  milestones,
  statuses,
  tag,
  tags,
  ticket,
  tickets,
  updateMilestone,
  updateTag,
  updateTicket,
} from '../../lib';
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

  it('every write takes { optimistic: true }: a renamed tag and milestone show in cached lists at once', async () => {
    const api = local.api();
    const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const [firstTag] = await firstValueFrom(space$.pipe(tags()));
    const [firstMilestone] = await firstValueFrom(space$.pipe(milestones()));
    local.server.stats.reset();

    const renamed = lastValueFrom(
      space$.pipe(tag({ id: firstTag.id }), updateTag({ name: 'renamed' }, { optimistic: true })),
    );
    const retitled = lastValueFrom(
      space$.pipe(milestone({ id: firstMilestone.id }), updateMilestone({ title: 'Retitled' }, { optimistic: true })),
    );
    const duringTags = await firstValueFrom(space$.pipe(tags()));
    const duringMilestones = await firstValueFrom(space$.pipe(milestones()));
    expect(local.server.stats.writes.applied.PUT ?? 0).toBe(0); // neither PUT has been applied yet
    expect(duringTags.find((t) => t.id === firstTag.id)?.name).toBe('renamed');
    expect(duringMilestones.find((m) => m.id === firstMilestone.id)?.title).toBe('Retitled');

    expect((await renamed).name).toBe('renamed');
    expect((await retitled).title).toBe('Retitled');
    expect(local.server.stats.writes.applied.PUT).toBe(2);
  });
});
