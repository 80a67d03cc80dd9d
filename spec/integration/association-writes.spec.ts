// Association writes over real HTTP to the local server, which stores them normalised as recorded
// (spec/fixtures/recordings/ticket-associations/create.json: a subtask asked for on #1 comes back
// as #1 the story of #2): what is sent, what is emitted, the server's state after, and both
// tickets' cached association lists.
import { Observable, concatMap, firstValueFrom, lastValueFrom, of, shareReplay, toArray } from 'rxjs';
import {
  API,
  AttributeError,
  Relationship,
  Space,
  Ticket,
  TicketAssociation,
  UnboundEntityError,
  UncertainWriteError,
  associate,
  associations,
  deleteAssociation,
  deleteTicket,
  ticket,
  updateAssociation,
} from '../../lib';
import { jsonOf, recordWrites, SentWrite } from '../support/bodies';
import { Proxy, startProxy } from '../support/proxy';
import { fail, KEY_AUTH, useLocalServer } from '../support/local';

const all = <T>(o: Observable<T>): Promise<T[]> => lastValueFrom(o.pipe(toArray()));
describe('association writes over real HTTP', () => {
  const local = useLocalServer({ data: { tickets: 50 } }, 'test');
  let proxy: Proxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  interface Setup {
    sent: SentWrite[];
    space: Space;
    one: Observable<Ticket>;
    two: Observable<Ticket>;
    first: Ticket;
    second: Ticket;
  }

  /** Tickets #10 and #11 (no associations seeded), each read once; counters zeroed after. */
  async function setup(): Promise<Setup> {
    const recorded = await recordWrites(local.server.url);
    proxy = recorded.proxy;
    const api = new API({ auth: KEY_AUTH, baseUrl: proxy.url });
    const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const space = await firstValueFrom(space$);
    const one = space$.pipe(ticket({ number: 10 }), shareReplay(1));
    const two = space$.pipe(ticket({ number: 11 }), shareReplay(1));
    const [first, second] = [await firstValueFrom(one), await firstValueFrom(two)];
    local.server.stats.reset();
    return { sent: recorded.sent, space, one, two, first, second };
  }

  const stored = (space: Space) => local.server.data.associations[space.id];
  const asOnWire = (a: TicketAssociation) => ({ ...a, created_at: a.created_at.toISOString().replace('.000', '') });
  const listGets = () => local.count('GET /spaces/:space/tickets/:number/ticket_associations');

  it('associate POSTs ticket2_id and the relationship number, and emits it as the server stored it', async () => {
    const { sent, space, one, first, second } = await setup();
    const [made] = await all(one.pipe(associate(second, 'subtask')));
    expect(jsonOf(sent[0])).toEqual({ ticket_association: { ticket2_id: second.id, relationship: 6 } });
    expect(sent[0].path).toMatch(/\/tickets\/10\/ticket_associations$/);
    // #11 a subtask of #10 is stored as #10 the story of #11 (ticket-associations/create.json).
    expect(made).toMatchObject({ ticket1_id: second.id, ticket2_id: first.id, relationship: 5 });
    expect(
      stored(space)
        .filter((a) => a.id === made.id)
        .map((a) => ({ ...a })),
    ).toEqual([asOnWire(made)]);
    expect(local.count()).toBe(1);
  });

  it('what associate emits is what a GET of it reads', async () => {
    const { one, second } = await setup();
    for (const relationship of ['child', 'related'] as Relationship[]) {
      const made = await firstValueFrom(one.pipe(associate(second, relationship)));
      const [read] = await firstValueFrom(one.pipe(associations({ id: made.id })));
      expect(read).toEqual(made);
      await firstValueFrom(of(made).pipe(deleteAssociation()));
    }
  });

  it("associate: both tickets' cached lists are dropped by tag, and read again show it", async () => {
    const { one, two } = await setup();
    const [a0, b0] = [await firstValueFrom(one.pipe(associations())), await firstValueFrom(two.pipe(associations()))];
    const second = await firstValueFrom(two);
    const made = await firstValueFrom(one.pipe(associate(second, 'related')));
    local.server.stats.reset();
    expect(await firstValueFrom(one.pipe(associations()))).toEqual([...a0, made]);
    expect(await firstValueFrom(two.pipe(associations()))).toEqual([...b0, made]);
    expect(listGets()).toBe(2);
  });

  it("updateAssociation PUTs from ticket1's URL, reads it back, and patches both tickets' cached lists", async () => {
    const { sent, space, one, two, first, second } = await setup();
    const made = await firstValueFrom(one.pipe(associate(second, 'subtask')));
    await firstValueFrom(one.pipe(associations()));
    await firstValueFrom(two.pipe(associations()));
    local.server.stats.reset();
    const [updated] = await all(of(made).pipe(updateAssociation('related')));
    expect(updated).toMatchObject({ id: made.id, ticket1_id: second.id, ticket2_id: first.id, relationship: 2 });
    expect(sent.at(-1)!.method).toBe('PUT');
    expect(sent.at(-1)!.path).toMatch(new RegExp(`/tickets/11/ticket_associations/${made.id}$`));
    expect(jsonOf(sent.at(-1)!)).toEqual({ ticket_association: { relationship: 2 } });
    expect(stored(space).find((a) => a.id === made.id)!.relationship).toBe(2);
    // #11 found by id, the PUT, the read-back.
    expect(local.count()).toBe(3);
    expect(await firstValueFrom(one.pipe(associations()))).toEqual([updated]);
    expect(await firstValueFrom(two.pipe(associations()))).toEqual([updated]);
    expect(listGets()).toBe(0);
  });

  it("deleteAssociation DELETEs it, emits it, and it leaves both tickets' cached lists", async () => {
    const { sent, space, one, two, second } = await setup();
    const made = await firstValueFrom(one.pipe(associate(second, 'block')));
    await firstValueFrom(one.pipe(associations()));
    await firstValueFrom(two.pipe(associations()));
    local.server.stats.reset();
    const [gone] = await all(of(made).pipe(deleteAssociation()));
    expect(gone).toBe(made);
    expect(sent.at(-1)!.method).toBe('DELETE');
    expect(stored(space).some((a) => a.id === made.id)).toBe(false);
    expect(local.count('DELETE /spaces/:space/tickets/:number/ticket_associations/:id')).toBe(1);
    expect(await firstValueFrom(one.pipe(associations()))).toEqual([]);
    expect(await firstValueFrom(two.pipe(associations()))).toEqual([]);
    expect(listGets()).toBe(0);
  });

  it("deleteTicket: the other ticket's cached associations no longer hold it (read again)", async () => {
    const { space, one, two, second } = await setup();
    await firstValueFrom(one.pipe(associate(second, 'related')));
    expect(await firstValueFrom(one.pipe(associations()))).toHaveLength(1);
    local.server.stats.reset();
    await lastValueFrom(two.pipe(deleteTicket()));
    // The server deleted the association with the ticket (lib/testing/resources/tickets.ts).
    expect(stored(space).some((a) => a.ticket1_id === second.id || a.ticket2_id === second.id)).toBe(false);
    expect(await firstValueFrom(one.pipe(associations()))).toEqual([]);
    expect(listGets()).toBe(1);
  });

  it('a seeded association piped from its list is updated and deleted from either side', async () => {
    const recorded = await recordWrites(local.server.url);
    proxy = recorded.proxy;
    const api = new API({ auth: KEY_AUTH, baseUrl: proxy.url });
    const one$ = api.space({ name: 'Big Project' }).pipe(ticket({ number: 1 }), shareReplay(1));
    // #1 is a subtask of story #2, stored from #2's side; #3 is related to #1.
    const [story] = await firstValueFrom(one$.pipe(associations({ relationship: 5 })));
    const edited = await firstValueFrom(of(story).pipe(updateAssociation('sibling')));
    expect(edited.relationship).toBe(4);
    const left = await firstValueFrom(
      one$.pipe(
        associations(),
        concatMap((as) => as),
        deleteAssociation(),
        toArray(),
      ),
    );
    expect(left).toHaveLength(2);
    expect(await firstValueFrom(one$.pipe(associations()))).toEqual([]);
  });

  it('a lost answer to associate is an UncertainWriteError, sent once, whose lookup() finds it', async () => {
    proxy = await startProxy(local.server.url, (req) => (req.method === 'POST' ? { lose: 'drop' } : undefined));
    const api = new API({ auth: KEY_AUTH, baseUrl: proxy.url });
    const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const space = await firstValueFrom(space$);
    const other = await firstValueFrom(space$.pipe(ticket({ number: 13 })));
    local.server.stats.reset();
    const error = await fail(firstValueFrom(space$.pipe(ticket({ number: 12 }), associate(other, 'dependent'))));
    expect(error).toBeInstanceOf(UncertainWriteError);
    expect(local.count('POST /spaces/:space/tickets/:number/ticket_associations')).toBe(1);
    const [found] = await all((error as UncertainWriteError<TicketAssociation>).lookup());
    expect(found).toMatchObject({ ticket2_id: other.id, relationship: 7 });
    expect(stored(space).filter((a) => a.id === found!.id)).toHaveLength(1);
  });

  it('an unknown relationship or a copied ticket fails before anything is sent', async () => {
    const { one, second } = await setup();
    const unknown = await fail(firstValueFrom(one.pipe(associate(second, 'cousin' as Relationship))));
    expect(unknown).toBeInstanceOf(AttributeError);
    expect((unknown as Error).message).toMatch(/unknown relationship "cousin"; the relationships are parent, child/);
    expect(await fail(firstValueFrom(one.pipe(associate({ ...second }, 'related'))))).toBeInstanceOf(
      UnboundEntityError,
    );
    expect(local.count()).toBe(0);
  });
});
