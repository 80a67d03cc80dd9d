// Ticket writes over real HTTP to the local server: what each sends and emits, the server's state
// afterwards, what is never sent twice, and the cache that stays true (request counts from the
// server's counters).
import { Agent, Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Observable, filter, firstValueFrom, lastValueFrom, of, shareReplay, toArray } from 'rxjs';
import {
  API,
  AttributeError,
  NotFoundError,
  Space,
  Ticket,
  UncertainWriteError,
  ValidationError,
  createTicket,
  deleteTicket,
  statuses,
  ticket,
  tickets,
  updateTicket,
} from '../../lib';
import { Misbehaviour, Proxy, startProxy } from '../support/proxy';
import { fail, KEY_AUTH, useLocalServer } from '../support/local';

/** Resolves once `done()` holds (polled every 10 ms of real time). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 10));
}

/** Emissions of a write, all of them (each must emit exactly one). */
const all = <T>(o: Observable<T>): Promise<T[]> => lastValueFrom(o.pipe(toArray()));

describe('ticket writes over real HTTP', () => {
  // A server per test: each test writes, and counts requests from zero.
  const local = useLocalServer({ data: { tickets: 2000 } }, 'test');
  const quick = { retry: { baseDelayMs: 1, maxDelayMs: 5, random: () => 0 } };
  let proxy: Proxy | undefined;
  beforeEach(() => expect.hasAssertions());
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  /** The Big Project space of `api`, read once, and the server's counters zeroed after. */
  async function bigProject(api: API): Promise<{ space$: Observable<Space>; space: Space }> {
    const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const space = await firstValueFrom(space$);
    local.server.stats.reset();
    return { space$, space };
  }

  const serverTickets = (space: Space) => local.server.data.tickets[space.id];
  const endpoint = (method: string, path = '') => local.count(`${method} /spaces/:space/tickets${path}`);

  /** An API through a proxy that misbehaves on the requests `misbehave` picks. */
  async function through(misbehave: (method: string, path: string, n: number) => Misbehaviour | undefined) {
    const seen = new Map<string, number>();
    proxy = await startProxy(local.server.url, (req) => {
      const key = `${req.method} ${req.url}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      return misbehave(req.method ?? '', req.url ?? '', seen.get(key)!);
    });
    return new API({ auth: KEY_AUTH, baseUrl: proxy.url, ...quick });
  }

  describe('createTicket', () => {
    it('POSTs once, emits the ticket as the server made it (linked), and the server has it', async () => {
      const { space$, space } = await bigProject(local.api());
      const before = serverTickets(space).length;
      const [created] = await all(space$.pipe(createTicket({ summary: 'Crash on save', priority: 2 })));
      expect(created).toMatchObject({ summary: 'Crash on save', priority: 2, status: 'New', number: 2001 });
      expect(local.count()).toBe(1);
      expect(endpoint('POST')).toBe(1);
      expect(serverTickets(space)).toHaveLength(before + 1);
      expect(serverTickets(space).at(-1)).toMatchObject({ number: 2001, summary: 'Crash on save', priority: 2 });
      // Linked to its space: it can be piped on.
      const [edited] = await all(space$.pipe(createTicket({ summary: 'Second' }), updateTicket({ priority: 1 })));
      expect(edited).toMatchObject({ summary: 'Second', priority: 1 });
    });

    it('sends a Date as ISO 8601 and custom fields, tags and a null as given', async () => {
      const { space$, space } = await bigProject(local.api());
      const on = new Date('2026-01-02T03:04:05Z');
      const t = await firstValueFrom(
        space$.pipe(createTicket({ summary: 'Dated', created_on: on, milestone_id: null, description: null })),
      );
      expect(t.created_on.getTime()).toBe(on.getTime());
      expect(serverTickets(space).at(-1)).toMatchObject({ summary: 'Dated', created_on: '2026-01-02T03:04:05Z' });
    });
  });

  describe('updateTicket', () => {
    it('PUTs, reads the ticket back (2 requests) and emits it as the server now has it', async () => {
      const { space$, space } = await bigProject(local.api());
      const original = await firstValueFrom(space$.pipe(ticket({ number: 3 })));
      local.server.stats.reset();
      const [fixed] = await all(space$.pipe(ticket({ number: 3 }), updateTicket({ status: 'Fixed' })));
      expect(fixed).toMatchObject({ number: 3, status: 'Fixed', state: 0 });
      expect(fixed.completed_date).toBeInstanceOf(Date);
      expect(fixed.id).toBe(original.id);
      // The status is checked against the space's statuses, read the first time.
      expect(endpoint('GET', '/statuses')).toBe(1);
      expect(local.count()).toBe(3);
      expect(endpoint('PUT', '/:number')).toBe(1);
      expect(endpoint('GET', '/:number')).toBe(1);
      expect(serverTickets(space).find((t) => t.number === 3)).toMatchObject({ status: 'Fixed', state: 0 });
    });

    it('the read-back is never answered by an identical GET sent before the PUT', async () => {
      // The first GET of ticket 4 is forwarded at once but its (old) answer held; the read-back is the second.
      const api = await through((method, path, n) =>
        method === 'GET' && /\/tickets\/4$/.test(path) && n === 1 ? { holdMs: 400 } : undefined,
      );
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const { id, status: before } = serverTickets(await firstValueFrom(space$)).find((t) => t.number === 4)!;
      const after = before === 'Accepted' ? 'Test' : 'Accepted';
      const four = await firstValueFrom(space$.pipe(ticket({ id })));
      const early = firstValueFrom(space$.pipe(ticket({ number: 4 })));
      await until(() => proxy!.seen.some((p) => p.endsWith('/tickets/4')));
      const [updated] = await all(of(four).pipe(updateTicket({ status: after })));
      expect(updated.status).toBe(after);
      expect(proxy!.seen.filter((p) => p.endsWith('/tickets/4'))).toHaveLength(3); // GET, PUT, GET
      expect((await early).status).toBe(before);
      // The early answer, which left the server before the PUT, was kept out of the cache.
      expect((await firstValueFrom(space$.pipe(ticket({ number: 4 })))).status).toBe(after);
    });

    it('a read-back that fails after the PUT landed says it was applied, and drops the cached ticket', async () => {
      const api = await through((method, path, n) =>
        method === 'GET' && /\/tickets\/11$/.test(path) && n === 2 ? { answer: { status: 404 } } : undefined,
      );
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const space = await firstValueFrom(space$);
      const eleven$ = space$.pipe(ticket({ number: 11 }));
      const error = await fail(firstValueFrom(eleven$.pipe(updateTicket({ summary: 'Applied' }))));
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toMatch(
        /^updateTicket\(\): PUT \/spaces\/.+\/tickets\/11 was applied, but reading/,
      );
      expect(serverTickets(space).find((t) => t.number === 11)?.summary).toBe('Applied');
      // The cached lookup was dropped: the next one asks the server, which has it.
      expect((await firstValueFrom(eleven$)).summary).toBe('Applied');
    });
  });

  describe('deleteTicket', () => {
    it('DELETEs once, emits the deleted ticket, and the server no longer has it', async () => {
      const { space$, space } = await bigProject(local.api());
      const five = await firstValueFrom(space$.pipe(ticket({ number: 5 })));
      local.server.stats.reset();
      const [gone] = await all(space$.pipe(ticket({ number: 5 }), deleteTicket()));
      expect(gone).toBe(five);
      expect(local.count()).toBe(1);
      expect(serverTickets(space).some((t) => t.number === 5)).toBe(false);
      // The cached lookup went with it.
      expect(await fail(firstValueFrom(space$.pipe(ticket({ number: 5 }))))).toBeInstanceOf(NotFoundError);
    });

    it('a 404 to the first attempt is a NotFoundError', async () => {
      const { space$ } = await bigProject(local.api());
      const six = await firstValueFrom(space$.pipe(ticket({ number: 6 })));
      await all(space$.pipe(ticket({ number: 6 }), deleteTicket()));
      const again = new Observable<Ticket>((s) => (s.next(six), s.complete())).pipe(deleteTicket());
      const error = await fail(firstValueFrom(again));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ status: 404, method: 'DELETE' });
    });

    it('a 404 to a retry, after the first answer was lost, counts as deleted', async () => {
      const api = await through((method, _path, n) => (method === 'DELETE' && n === 1 ? { lose: 'drop' } : undefined));
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const seven = await firstValueFrom(space$.pipe(ticket({ number: 7 })));
      local.server.stats.reset();
      const [gone] = await all(space$.pipe(ticket({ number: 7 }), deleteTicket()));
      expect(gone).toBe(seven);
      expect(local.server.stats.byStatus[204]).toBe(1);
      expect(local.server.stats.byStatus[404]).toBe(1);
    });
  });

  describe('checks before sending', () => {
    it.each([
      [{ summary: 'x', colour: 'red' }, /unknown attribute "colour"; the ticket attributes are summary, description/],
      [{ summary: 'x', priority: 'high' }, /priority must be an integer, not a string/],
      [{ summary: 'x', priority: 1.5 }, /priority must be an integer, not a number/],
      [{ summary: 'x', status: null }, /status must be a string, not null/],
      [{ summary: 'x', tags: ['a', 1] }, /tags must be an array of strings/],
      [{ summary: 'x', created_on: new Date('nope') }, /created_on must be a valid Date/],
      [{ priority: 1 }, /summary is required/],
    ])('createTicket(%p) is an AttributeError and nothing is sent', async (attributes, message) => {
      const { space$ } = await bigProject(local.api());
      const error = await fail(firstValueFrom(space$.pipe(createTicket(attributes as never))));
      expect(error).toBeInstanceOf(AttributeError);
      expect((error as Error).message).toMatch(message);
      expect(local.count()).toBe(0);
    });

    it('updateTicket with an unknown attribute sends nothing', async () => {
      const { space$ } = await bigProject(local.api());
      const t$ = space$.pipe(ticket({ number: 8 }), shareReplay(1));
      await firstValueFrom(t$);
      local.server.stats.reset();
      const error = await fail(firstValueFrom(t$.pipe(updateTicket({ state: 0 } as never))));
      expect(error).toMatchObject({ name: 'AttributeError', attribute: 'state' });
      expect(local.count()).toBe(0);
    });
  });

  describe('refusals', () => {
    it('a 422 is a ValidationError with the fields the server sent, listed in the message', async () => {
      const { space$, space } = await bigProject(local.api());
      const before = serverTickets(space).length;
      const error = await fail(firstValueFrom(space$.pipe(createTicket({ summary: '   ', priority: 9 }))));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({
        status: 422,
        method: 'POST',
        fields: { summary: ["can't be blank"], priority: ['is not included in the list'] },
      });
      expect((error as Error).message).toMatch(
        /was refused \(HTTP 422\): summary can't be blank; priority is not included in the list/,
      );
      expect(endpoint('POST')).toBe(1);
      expect(serverTickets(space)).toHaveLength(before);
    });

    it('a status the space does not have is an AttributeError: checked against its statuses, not sent', async () => {
      const { space$ } = await bigProject(local.api());
      const error = await fail(firstValueFrom(space$.pipe(ticket({ number: 9 }), updateTicket({ status: 'Nope' }))));
      expect(error).toMatchObject({ name: 'AttributeError', attribute: 'status' });
      expect(endpoint('PUT', '/:number')).toBe(0);
      expect(endpoint('GET', '/statuses')).toBe(1);
    });
  });

  describe('never sent twice', () => {
    it.each([
      ['a 500 after the server applied it', 500 as const],
      ['a dropped connection after the server applied it', 'drop' as const],
      ['an unreadable 201 after the server applied it', 201],
    ])('a POST that got %s is not retried: UncertainWriteError, and lookup() finds the ticket', async (_, lose) => {
      const api = await through((method) => (method === 'POST' ? { lose } : undefined));
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const space = await firstValueFrom(space$);
      local.server.stats.reset();
      const attributes = { summary: 'Lost answer', priority: 1 };
      const error = await fail(firstValueFrom(space$.pipe(createTicket(attributes))));
      expect(error).toBeInstanceOf(UncertainWriteError);
      const uncertain = error as UncertainWriteError<Ticket>;
      expect(uncertain).toMatchObject({ method: 'POST', attributes });
      expect(uncertain.url).toMatch(/\/v1\/spaces\/[^/]+\/tickets$/);
      expect(uncertain.message).toMatch(/the answer was lost .* may have been applied/);
      expect(endpoint('POST')).toBe(1);
      expect(serverTickets(space).filter((t) => t.summary === 'Lost answer')).toHaveLength(1);
      expect(JSON.stringify(uncertain)).not.toContain(KEY_AUTH.secret);
      const [found] = await all(uncertain.lookup());
      expect(found).toMatchObject({ summary: 'Lost answer', priority: 1, number: 2001 });
    });

    it('a POST whose answer does not come within the timeout is an UncertainWriteError, not retried', async () => {
      proxy = await startProxy(local.server.url, (req) => (req.method === 'POST' ? { holdMs: 1000 } : undefined));
      const api = new API({ auth: KEY_AUTH, baseUrl: proxy.url, timeout: 300 });
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const space = await firstValueFrom(space$);
      const error = await fail(firstValueFrom(space$.pipe(createTicket({ summary: 'Slow answer' }))));
      expect(error).toBeInstanceOf(UncertainWriteError);
      expect((error as { cause?: unknown }).cause).toMatchObject({ name: 'TimeoutError', timeoutMs: 300 });
      // The server applied it (on a loaded machine, maybe only after the client gave up).
      await until(() => serverTickets(space).some((t) => t.summary === 'Slow answer'));
      expect(proxy.seen.filter((p) => p.endsWith('/tickets'))).toHaveLength(1);
      expect(serverTickets(space).filter((t) => t.summary === 'Slow answer')).toHaveLength(1);
      expect(await all((error as UncertainWriteError<Ticket>).lookup())).toEqual([
        expect.objectContaining({ summary: 'Slow answer' }),
      ]);
    });

    it('lookup() emits null when the POST did not land', async () => {
      const api = await through((method) => (method === 'POST' ? { answer: { status: 503 } } : undefined));
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const error = (await fail(firstValueFrom(space$.pipe(createTicket({ summary: 'Never made' }))))) as
        UncertainWriteError<Ticket> | undefined;
      expect(error).toBeInstanceOf(UncertainWriteError);
      expect(await all(error!.lookup())).toEqual([null]);
    });

    it('a POST answered 429 (nothing applied) is retried and lands once', async () => {
      const api = await through((method, _path, n) =>
        method === 'POST' && n === 1 ? { answer: { status: 429, headers: { 'Retry-After': '0' } } } : undefined,
      );
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const space = await firstValueFrom(space$);
      local.server.stats.reset();
      const [made] = await all(space$.pipe(createTicket({ summary: 'After a 429' })));
      expect(made.summary).toBe('After a 429');
      expect(proxy!.seen.filter((p) => p.endsWith('/tickets'))).toHaveLength(2);
      expect(endpoint('POST')).toBe(1);
      expect(serverTickets(space).filter((t) => t.summary === 'After a 429')).toHaveLength(1);
    });

    it('a POST whose connection was refused (nothing sent) is retried and lands once', async () => {
      // A forwarder on a port of its own: open to read the space, closed when the POST goes out (so
      // the connection is refused), open again when the SDK says it will retry.
      const forwarder = () =>
        createServer((req, res) => {
          const upstream = request(
            `${local.server.url}${req.url}`,
            { method: req.method, headers: req.headers },
            (a) => {
              res.writeHead(a.statusCode ?? 502, a.headers);
              a.pipe(res);
            },
          );
          req.pipe(upstream);
        });
      let open = forwarder();
      await new Promise<void>((r) => open.listen(0, '127.0.0.1', r));
      const port = (open.address() as AddressInfo).port;
      const close = (server: Server) => new Promise((r) => (server.closeAllConnections(), server.close(r)));
      // No kept-alive socket: the POST must open a connection of its own (to be refused).
      const agent = new Agent({ keepAlive: false });
      const api = new API({ auth: KEY_AUTH, baseUrl: `http://127.0.0.1:${port}`, agent, retry: { baseDelayMs: 200 } });
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const space = await firstValueFrom(space$);
      await close(open);
      local.server.stats.reset();
      const retried = firstValueFrom(api.requests$.pipe(filter((e) => e.type === 'retry'))).then(async (e) => {
        open = forwarder();
        await new Promise<void>((r) => open.listen(port, '127.0.0.1', r));
        return e;
      });
      try {
        const [made] = await all(space$.pipe(createTicket({ summary: 'After a refusal' })));
        expect(made.summary).toBe('After a refusal');
        expect(await retried).toMatchObject({ method: 'POST', error: expect.stringContaining('ECONNREFUSED') });
        expect(endpoint('POST')).toBe(1);
        expect(serverTickets(space).filter((t) => t.summary === 'After a refusal')).toHaveLength(1);
      } finally {
        await close(open);
      }
    });

    it('a PUT answered 500 is retried like a GET', async () => {
      const api = await through((method, _path, n) =>
        method === 'PUT' && n === 1 ? { answer: { status: 500 } } : undefined,
      );
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const space = await firstValueFrom(space$);
      const [done] = await all(space$.pipe(ticket({ number: 10 }), updateTicket({ summary: 'Retried' })));
      expect(done.summary).toBe('Retried');
      expect(proxy!.seen.filter((p) => p.endsWith('/tickets/10'))).toHaveLength(4); // GET, PUT 500, PUT, GET
      expect(serverTickets(space).find((t) => t.number === 10)?.summary).toBe('Retried');
    });
  });

  describe('the cache stays true', () => {
    const LIST = 'GET /spaces/:space/tickets';

    /** Big Project with its 2,000-ticket list cached, counters zeroed. */
    async function cachedSpace() {
      const api = local.api();
      const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const whole = await firstValueFrom(space$.pipe(tickets()));
      expect(whole).toHaveLength(2000);
      // The statuses a status is checked against, as a page that shows tickets has them.
      await firstValueFrom(space$.pipe(statuses()));
      local.server.stats.reset();
      return { api, space$ };
    }

    it('after updateTicket, a filter over the cached list sees it at once: 2 requests, 0 list requests', async () => {
      const { space$ } = await cachedSpace();
      const fixedBefore = await firstValueFrom(space$.pipe(tickets({ status_name: 'Fixed' })));
      const target = (await firstValueFrom(space$.pipe(tickets({ status_name: 'New' }))))[0];
      expect(local.count()).toBe(0);
      const [fixed] = await all(space$.pipe(ticket({ number: target.number }), updateTicket({ status: 'Fixed' })));
      expect(local.count()).toBe(2); // PUT + the read-back: ticket() came from the cached list
      const fixedAfter = await firstValueFrom(space$.pipe(tickets({ status_name: 'Fixed' })));
      const whole = await firstValueFrom(space$.pipe(tickets()));
      expect(local.count(LIST)).toBe(0);
      expect(local.count()).toBe(2);
      expect(fixedAfter).toHaveLength(fixedBefore.length + 1);
      expect(fixedAfter).toContain(fixed);
      expect(whole).toHaveLength(2000);
      expect(whole.map((t) => t.number)).toEqual([...whole.map((t) => t.number)].sort((a, b) => a - b));
      expect(await firstValueFrom(space$.pipe(ticket({ number: target.number })))).toBe(fixed);
    });

    it('a created ticket joins the cached list in order, a deleted one leaves it: no list is re-read', async () => {
      const { space$ } = await cachedSpace();
      const [made] = await all(space$.pipe(createTicket({ summary: 'Joins the list' })));
      let whole = await firstValueFrom(space$.pipe(tickets()));
      expect(whole).toHaveLength(2001);
      expect(whole.at(-1)).toBe(made);
      expect(await firstValueFrom(space$.pipe(tickets({ summary: 'Joins the list' })))).toEqual([made]);
      const [gone] = await all(space$.pipe(ticket({ number: 17 }), deleteTicket()));
      whole = await firstValueFrom(space$.pipe(tickets()));
      expect(whole).toHaveLength(2000);
      expect(whole).not.toContain(gone);
      expect(local.count(LIST)).toBe(0);
      expect(local.count()).toBe(2); // the POST and the DELETE
      const error = await fail(firstValueFrom(space$.pipe(ticket({ number: 17 }))));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(local.count()).toBe(2); // answered from the cached list
    });

    it('a list it cannot patch exactly is dropped by its tag only, and read again', async () => {
      const { space$ } = await cachedSpace();
      const mine = await firstValueFrom(space$.pipe(tickets({}, { list: 'my_active' })));
      const statuses = local.count();
      await firstValueFrom(space$.pipe(tickets({}, { list: 'my_active' })));
      expect(local.count()).toBe(statuses); // cached
      const someone = mine[0];
      await all(space$.pipe(ticket({ number: someone.number }), updateTicket({ summary: 'Renamed' })));
      local.server.stats.reset();
      const again = await firstValueFrom(space$.pipe(tickets({}, { list: 'my_active' })));
      expect(again.find((t) => t.number === someone.number)?.summary).toBe('Renamed');
      expect(local.count()).toBeGreaterThan(0); // the named list was read again…
      await firstValueFrom(space$.pipe(tickets()));
      expect(local.count(LIST)).toBe(0); // …the whole list was not
    });
  });
});
