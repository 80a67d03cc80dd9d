// Comment writes over real HTTP to the local server (which writes comments as recorded in
// spec/fixtures/recordings/ticket-comments/create.json, edit.json: 201 + the comment, 204): what is
// sent (through a recording proxy), the server's state after, and the cache: the comment joins the
// ticket's cached list, and its ticket, whose updated_at the comment changed, is read again once.
import { Observable, firstValueFrom, lastValueFrom, of, shareReplay, toArray } from 'rxjs';
import { API, RequestEvent, Space, addComment, comments, ticket, tickets, updateComment } from '../../lib';
import { jsonOf, recordWrites } from '../support/bodies';
import type { Proxy } from '../support/proxy';
import { KEY_AUTH, useLocalServer } from '../support/local';

const all = <T>(o: Observable<T>): Promise<T[]> => lastValueFrom(o.pipe(toArray()));

describe('comment writes over real HTTP', () => {
  const local = useLocalServer({ data: { tickets: 50 } }, 'test');
  let proxy: Proxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  async function api() {
    const recorded = await recordWrites(local.server.url);
    proxy = recorded.proxy;
    const assembla = new API({ auth: KEY_AUTH, baseUrl: proxy.url });
    const requests: string[] = [];
    assembla.requests$.subscribe((e: RequestEvent) => {
      if (e.type === 'start') requests.push(`${e.method} ${new URL(e.url).pathname.replace(/^.*\/tickets/, '')}`);
    });
    const space$ = assembla.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const space: Space = await firstValueFrom(space$);
    requests.length = 0;
    return { sent: recorded.sent, space$, space, requests };
  }

  const serverTicket = (space: Space, number: number) =>
    local.server.data.tickets[space.id].find((t) => t.number === number)!;

  it('addComment POSTs the text wrapped in ticket_comment; the comment joins the cached list', async () => {
    const { sent, space$, space, requests } = await api();
    const ticket$ = space$.pipe(ticket({ number: 3 }), shareReplay(1));
    const before = await firstValueFrom(ticket$.pipe(comments()));
    local.server.stats.reset();
    const [made] = await all(ticket$.pipe(addComment('Fixed in r42')));
    expect(made).toMatchObject({ comment: 'Fixed in r42', user_id: local.server.data.me.id });
    expect(sent.map((s) => [s.method, s.path.replace(/^.*\/tickets/, ''), jsonOf(s)])).toEqual([
      ['POST', '/3/ticket_comments', { ticket_comment: { comment: 'Fixed in r42' } }],
    ]);
    expect(local.server.data.comments[space.id].filter((c) => c.id === made.id)).toHaveLength(1);
    const after = await firstValueFrom(ticket$.pipe(comments()));
    expect(after).toEqual([...before, made]); // oldest first: the new one last
    expect(local.count('GET /spaces/:space/tickets/:number/ticket_comments')).toBe(0);
    expect(requests).toEqual(['GET /3', 'GET /3/ticket_comments', 'POST /3/ticket_comments', 'GET /3']);
  });

  it("addComment marks its ticket's updated_at stale: the ticket is read again (one request), and cached", async () => {
    const { space$, space, requests } = await api();
    const ticket$ = space$.pipe(ticket({ number: 5 }));
    const old = await firstValueFrom(ticket$);
    local.server.stats.reset();
    await all(of(old).pipe(addComment('Looked at it')));
    expect(local.count()).toBe(2); // the POST, and the ticket read again
    expect(local.count('GET /spaces/:space/tickets/:number')).toBe(1);
    const stored = serverTicket(space, 5).updated_at;
    expect(stored).not.toBe(old.updated_at.toISOString().replace('.000', ''));
    const fresh = await firstValueFrom(ticket$);
    expect(fresh.updated_at.getTime()).toBe(Date.parse(stored));
    expect(fresh.updated_at.getTime()).toBeGreaterThan(old.updated_at.getTime());
    expect(local.count()).toBe(2); // the cached ticket answered
    expect(requests.filter((r) => r === 'GET /5')).toHaveLength(2);
  });

  it("the ticket's stale copy is replaced in the space's cached ticket list too", async () => {
    const { space$, space } = await api();
    const list = await firstValueFrom(space$.pipe(tickets()));
    const old = list.find((t) => t.number === 7)!;
    local.server.stats.reset();
    await all(of(old).pipe(addComment('Seen')));
    const again = await firstValueFrom(space$.pipe(tickets()));
    expect(again.find((t) => t.number === 7)!.updated_at.getTime()).toBe(Date.parse(serverTicket(space, 7).updated_at));
    expect(local.count('GET /spaces/:space/tickets')).toBe(0);
  });

  it('updateComment finds the ticket, PUTs, reads the comment back and puts it in the cached list', async () => {
    const { sent, space$, requests } = await api();
    const ticket$ = space$.pipe(ticket({ number: 4 }), shareReplay(1));
    await firstValueFrom(ticket$.pipe(comments())); // cached: the new comment joins it
    const made = await firstValueFrom(ticket$.pipe(addComment('First draft')));
    const [comment] = await firstValueFrom(ticket$.pipe(comments({ id: made.id })));
    requests.length = 0;
    const [updated] = await all(of(comment).pipe(updateComment('Second draft')));
    expect(updated).toMatchObject({ id: made.id, comment: 'Second draft' });
    expect(sent.map((s) => `${s.method} ${s.path.replace(/^.*\/tickets/, '')}`)).toEqual([
      'POST /4/ticket_comments',
      `PUT /4/ticket_comments/${made.id}`,
    ]);
    expect(requests.filter((r) => r.includes('ticket_comments'))).toEqual([
      `PUT /4/ticket_comments/${made.id}`,
      `GET /4/ticket_comments/${made.id}`,
    ]);
    expect(jsonOf(sent[1])).toEqual({ ticket_comment: { comment: 'Second draft' } });
    const cached = await firstValueFrom(ticket$.pipe(comments({ id: made.id })));
    expect(cached).toEqual([updated]);
  });
});
