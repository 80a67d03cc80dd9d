// The errors of the reads of contract part 2, through the Observable, over real HTTP: the wrong kind
// of entity piped in, an unknown or misplaced `list`, a wrong filter, and a parent the server no
// longer has.
import { Observable, firstValueFrom, shareReplay } from 'rxjs';
import {
  FilterError,
  NotFoundError,
  UnboundEntityError,
  comments,
  milestone,
  milestones,
  statuses,
  tags,
  ticket,
  tickets,
  wikiPage,
  wikiVersions,
  type Space,
  type Ticket,
} from '../../lib';
import { iterateTickets } from '../../lib';
import { useLocalServer } from '../support/local';

const failure = (o$: Observable<unknown>): Promise<unknown> =>
  firstValueFrom(o$).then(
    () => new Error('expected an error'),
    (e: unknown) => e,
  );

describe('errors of the reads of contract part 2', () => {
  // A server per test: one test deletes a ticket.
  const local = useLocalServer({ data: { tickets: 60, ticketsPerOtherSpace: 0 } }, 'test');
  let space$: Observable<Space>;
  let t5$: Observable<Ticket>;
  beforeEach(() => {
    expect.hasAssertions();
    space$ = local.api().space({ name: 'Big Project' }).pipe(shareReplay(1));
    t5$ = space$.pipe(ticket({ number: 5 }), shareReplay(1));
  });

  it.each([
    ['statuses() of a ticket', () => t5$.pipe(statuses() as never), 'statuses() takes a space, not a ticket'],
    ['comments() of a space', () => space$.pipe(comments() as never), 'comments() takes a ticket, not a space'],
    [
      'wikiVersions() of a space',
      () => space$.pipe(wikiVersions() as never),
      'wikiVersions() takes a wiki page, not a space',
    ],
    [
      'tags() of a milestone',
      () => space$.pipe(milestone('Backlog'), tags() as never),
      'tags() takes a space or ticket',
    ],
    ['tickets() of a ticket', () => t5$.pipe(tickets() as never), 'not a ticket'],
  ])('%s is an UnboundEntityError that says what it takes', async (_, read, message) => {
    const error = await failure(read());
    expect(error).toBeInstanceOf(UnboundEntityError);
    expect((error as Error).message).toContain(message);
  });

  it('comments() of a copy of a ticket is an UnboundEntityError', async () => {
    const copy = { ...(await firstValueFrom(t5$)) };
    const error = await failure(new Observable<Ticket>((o) => o.next(copy)).pipe(comments()));
    expect(error).toBeInstanceOf(UnboundEntityError);
    expect((error as Error).message).toContain('comments() was given an object that did not come from');
  });

  it('iterateTickets of a ticket throws the UnboundEntityError from the loop', async () => {
    const loop = async (): Promise<void> => {
      for await (const t of iterateTickets(t5$ as never)) void t;
    };
    await expect(loop()).rejects.toThrow(UnboundEntityError);
  });

  it.each([
    [
      'tickets',
      () => space$.pipe(tickets(undefined, { list: 'mine' as never })),
      'my_active, my_followed, no_milestone',
    ],
    [
      'milestones',
      () => space$.pipe(milestones(undefined, { list: 'late' as never })),
      'upcoming, completed, release_notes',
    ],
    ['tags', () => space$.pipe(tags(undefined, { list: 'archived' as never })), 'active, proposed, hidden'],
  ])('an unknown list of %s is a FilterError that names the lists', async (query, read, lists) => {
    const error = await failure(read());
    expect(error).toBeInstanceOf(FilterError);
    expect((error as Error).message).toMatch(new RegExp(`^${query}.*unknown list "\\w+"; the lists are ${lists}$`));
  });

  it("a space's list asked of a ticket or a milestone is a FilterError", async () => {
    const ofTicket = await failure(t5$.pipe(tags(undefined, { list: 'active' })));
    expect(ofTicket).toBeInstanceOf(FilterError);
    expect((ofTicket as Error).message).toContain("{ list: 'active' } is a list of a space, not of a ticket");
    const ofMilestone = await failure(
      space$.pipe(milestone('Backlog'), tickets(undefined, { list: 'my_active' } as never)),
    );
    expect(ofMilestone).toBeInstanceOf(FilterError);
    expect((ofMilestone as Error).message).toContain('not of a milestone');
  });

  it('a wrong filter field or value type is a FilterError before any request', async () => {
    await firstValueFrom(t5$);
    local.server.stats.reset();
    const field = await failure(t5$.pipe(comments({ author: 'x' } as never)));
    expect(field).toBeInstanceOf(FilterError);
    expect((field as Error).message).toContain('author');
    const value = await failure(space$.pipe(statuses({ list_order: 'first' } as never)));
    expect(value).toBeInstanceOf(FilterError);
    expect((value as Error).message).toContain('list_order');
    expect(local.server.stats.requests).toBe(0);
  });

  it('a singular query without a filter is a FilterError with an example', async () => {
    const error = await failure(space$.pipe(wikiPage({} as never)));
    expect(error).toBeInstanceOf(FilterError);
    expect((error as Error).message).toContain("wikiPage({ page_name: 'Home' })");
  });

  it('the comments of a ticket the server no longer has are a NotFoundError that names the ticket', async () => {
    const t = await firstValueFrom(t5$);
    const spaceId = local.server.data.spaces.find((s) => s.name === 'Big Project')!.id;
    const list = local.server.data.tickets[spaceId];
    list.splice(
      list.findIndex((w) => w.number === t.number),
      1,
    );
    const error = await failure(t5$.pipe(comments()));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).toMatch(
      /^comments\(\) of ticket #5: GET \S+\/tickets\/5\/ticket_comments answered 404/,
    );
  });
});
