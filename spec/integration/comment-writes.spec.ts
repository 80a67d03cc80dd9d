// Comment writes over real HTTP. The local server of this branch does not write comments yet, so a
// small stand-in in front of it answers the comment routes as recorded
// (spec/fixtures/recordings/ticket-comments/create.json, edit.json: 201 + the comment, 204) and
// forwards everything else; it keeps what it was sent, to check the requests.
import { IncomingMessage, Server, ServerResponse, createServer, request } from 'node:http';
import { firstValueFrom, lastValueFrom, of, shareReplay, toArray } from 'rxjs';
import { API, addComment, comments, ticket, updateComment } from '../../lib';
import { listenLocally } from '../support/listen';
import { KEY_AUTH, useLocalServer } from '../support/local';

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** Comments the stand-in holds by ticket number; the seeded ones come from the server. */
function standIn(target: string, me: string, idOf: (space: string, number: number) => number) {
  const sent: Sent[] = [];
  const made = new Map<number, { id: number; comment: string; ticket_id: number; stamp: string }>();
  let nextId = 900_000;
  const answer = (res: ServerResponse, status: number, body?: unknown) =>
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
  const wire = (c: { id: number; comment: string; ticket_id: number; stamp: string }) => ({
    id: c.id,
    comment: c.comment,
    ticket_id: c.ticket_id,
    user_id: me,
    created_on: c.stamp,
    updated_at: c.stamp,
    ticket_changes: '--- []\n',
  });
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').replace(/\?.*/, '');
    const create = /\/spaces\/([^/]+)\/tickets\/(\d+)\/ticket_comments$/.exec(path);
    const one = /\/tickets\/(\d+)\/ticket_comments\/(\d+)$/.exec(path);
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      if ((create && req.method === 'POST') || (one && req.method !== 'GET') || (one && made.has(+one[2]))) {
        const body = text ? (JSON.parse(text) as { ticket_comment: { comment: string } }) : undefined;
        sent.push({ method: req.method ?? '', path, body });
        if (create) {
          const [, space, number] = create;
          const c = { id: nextId++, comment: body!.ticket_comment.comment, ticket_id: idOf(space, +number), stamp: '' };
          c.stamp = new Date(Date.UTC(2030, 0, 1, 0, 0, c.id - 900_000)).toISOString().replace('.000', '');
          made.set(c.id, c);
          return answer(res, 201, wire(c));
        }
        const c = made.get(+one![2]);
        if (!c) return answer(res, 404, { error: 'Not found' });
        if (req.method === 'PUT') {
          c.comment = body!.ticket_comment.comment;
          return answer(res, 204);
        }
        return answer(res, 200, wire(c));
      }
      const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (a) => {
        res.writeHead(a.statusCode ?? 502, a.headers);
        a.pipe(res);
      });
      upstream.end(text);
    });
  });
  return { server, sent, made };
}

describe('comment writes over real HTTP', () => {
  const local = useLocalServer({ data: { tickets: 50 } }, 'test');
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function api() {
    const me = local.server.data.me.id;
    const stand = standIn(
      local.server.url,
      me,
      (space, number) => local.server.data.tickets[space].find((t) => t.number === number)!.id,
    );
    const listening = await listenLocally(stand.server);
    close = listening.close;
    const assembla = new API({ auth: KEY_AUTH, baseUrl: listening.url });
    const space$ = assembla.space({ name: 'Big Project' }).pipe(shareReplay(1));
    return { stand, space$ };
  }

  it('addComment POSTs the text wrapped in ticket_comment; the comment joins the cached list', async () => {
    const { stand, space$ } = await api();
    const ticket$ = space$.pipe(ticket({ number: 3 }), shareReplay(1));
    const before = await firstValueFrom(ticket$.pipe(comments()));
    local.server.stats.reset();
    const [made] = await lastValueFrom(ticket$.pipe(addComment('Fixed in r42'), toArray()));
    expect(made).toMatchObject({ comment: 'Fixed in r42', user_id: local.server.data.me.id });
    expect(stand.sent).toEqual([
      {
        method: 'POST',
        path: expect.stringMatching(/^\/v1\/spaces\/[^/]+\/tickets\/3\/ticket_comments$/),
        body: { ticket_comment: { comment: 'Fixed in r42' } },
      },
    ]);
    const after = await firstValueFrom(ticket$.pipe(comments()));
    expect(after).toEqual([...before, made]); // oldest first: the new one last
    expect(local.count('GET /spaces/:space/tickets/:number/ticket_comments')).toBe(0);
  });

  it('updateComment finds the ticket, PUTs, reads the comment back and puts it in the cached list', async () => {
    const { stand, space$ } = await api();
    const ticket$ = space$.pipe(ticket({ number: 4 }), shareReplay(1));
    await firstValueFrom(ticket$.pipe(comments())); // cached: the new comment joins it
    const made = await firstValueFrom(ticket$.pipe(addComment('First draft')));
    const [comment] = await firstValueFrom(ticket$.pipe(comments({ id: made.id })));
    const [updated] = await lastValueFrom(of(comment).pipe(updateComment('Second draft'), toArray()));
    expect(updated).toMatchObject({ id: made.id, comment: 'Second draft' });
    expect(stand.sent.map((s) => `${s.method} ${s.path.replace(/^.*\/tickets/, '')}`)).toEqual([
      'POST /4/ticket_comments',
      `PUT /4/ticket_comments/${made.id}`,
      `GET /4/ticket_comments/${made.id}`,
    ]);
    expect(stand.sent[1].body).toEqual({ ticket_comment: { comment: 'Second draft' } });
    const cached = await firstValueFrom(ticket$.pipe(comments({ id: made.id })));
    expect(cached).toEqual([updated]);
  });
});
