// Paged lists never end early in silence (issue 8, item 3): a stale page is asked again, a list
// sorted otherwise than by number is not cut at the highest-numbered ticket, and tickets deleted
// during a long read do not hide the ones that shift across a page boundary. Over real HTTP: the
// local server, alone or behind a small misbehaving proxy.
import { Observable, lastValueFrom, toArray } from 'rxjs';
import { API, PagingError, Ticket, iterateTickets, streamTickets, tickets } from '../../lib';
import { Dataset, RunningServer, WireTicket, generateData, startServer } from '../../lib/testing';
import { KEY_AUTH } from '../support/local';
import { startProxy } from '../support/proxy';

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const bigProject = (data: Dataset): string => data.spaces.find((s) => s.name === 'Big Project')!.id;
const streamAll = (a: API): Promise<Ticket[]> =>
  lastValueFrom(a.space({ name: 'Big Project' }).pipe(streamTickets(), toArray()));
const readAll = (a: API): Promise<Ticket[]> => lastValueFrom(a.space({ name: 'Big Project' }).pipe(tickets()));
const iterateAll = async (a: API): Promise<Ticket[]> => {
  const all: Ticket[] = [];
  for await (const t of iterateTickets(a.space({ name: 'Big Project' }))) all.push(t);
  return all;
};
const READS: Array<[string, (a: API) => Promise<Ticket[]>]> = [
  ['streamTickets()', streamAll],
  ['tickets()', readAll],
  ['iterateTickets()', iterateAll],
];

describe('paged lists never end early in silence', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ data: { tickets: 3000 } });
  });
  afterAll(() => server.stop());
  beforeEach(() => expect.hasAssertions());

  /** Page 6 of the ticket list is served as page 5 (`times` times, then right). */
  async function stalePage6(times: number, read: (a: API) => Promise<Ticket[]>): Promise<Ticket[]> {
    let served = 0;
    const stale = await startProxy(server.url, ({ url = '' }) =>
      /\/tickets\?.*\bpage=6\b/.test(url) && served++ < times
        ? { path: url.replace(/\bpage=6\b/, 'page=5') }
        : undefined,
    );
    try {
      return await read(new API({ auth: KEY_AUTH, baseUrl: stale.url }));
    } finally {
      await stale.close();
    }
  }

  it.each(READS)(
    '%s: a page served stale once (the page before it again) is asked again: all 3,000 tickets, once, in order',
    async (_, read) => {
      const all = await stalePage6(1, read);
      expect(all.map((t) => t.number)).toEqual(range(1, 3000));
    },
  );

  it.each(READS)('%s: a page that is stale again fails with a PagingError naming the page', async (_, read) => {
    const failure = stalePage6(Infinity, read);
    await expect(failure).rejects.toBeInstanceOf(PagingError);
    await expect(failure).rejects.toMatchObject({ page: 6, message: expect.stringContaining('page 6') });
  });
});

describe('a list sorted by another field than number is not bounded by the highest-numbered ticket', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // By updated_at, the highest-numbered ticket (3,000) is the 1,000th: the end of page 10.
    const data = generateData({ tickets: 3000 });
    const base = Date.parse('2024-01-01T00:00:00Z');
    const at = (minutes: number): string => new Date(base + minutes * 60_000).toISOString().replace('.000Z', 'Z');
    data.tickets[bigProject(data)].forEach((t) => (t.updated_at = at(t.number === 3000 ? 999.5 : t.number)));
    server = await startServer({ data });
  });
  afterAll(() => server.stop());
  beforeEach(() => expect.hasAssertions());

  it.each([
    [
      'streamTickets()',
      (a: API) =>
        a.space({ name: 'Big Project' }).pipe(streamTickets({}, { params: { sort_by: 'updated_at' } }), toArray()),
    ],
    [
      'tickets()',
      (a: API) => a.space({ name: 'Big Project' }).pipe(tickets({}, { params: { sort_by: 'updated_at' } })),
    ],
  ] as Array<[string, (a: API) => Observable<Ticket[]>]>)(
    '%s with sort_by updated_at delivers all 3,000, in that order',
    async (_, read) => {
      const all = await lastValueFrom(read(new API({ auth: KEY_AUTH, baseUrl: server.url })));
      expect(all.length).toBe(3000);
      expect(all[999].number).toBe(3000);
      expect(all.map((t) => Date.parse(t.updated_at.toISOString()))).toEqual(
        all.map((t) => Date.parse(t.updated_at.toISOString())).sort((a, b) => a - b),
      );
    },
  );
});

describe('tickets deleted and created during a long read', () => {
  beforeEach(() => expect.hasAssertions());

  /**
   * Reads 5,000 tickets (a run of 31 numbers and every 13th deleted beforehand) while, at each
   * page request the SDK sends, two tickets already read are deleted (every later ticket shifts
   * left), one not yet read is deleted and one is created. Returns what was delivered and which
   * tickets existed from the start to the end.
   */
  async function readWhileEditing(
    read: (a: API) => Promise<Ticket[]>,
  ): Promise<{ delivered: number[]; survivors: number[]; created: number[]; gapRequests: number }> {
    const data = generateData({ tickets: 5000 });
    const space = bigProject(data);
    data.tickets[space] = data.tickets[space].filter(
      (t) => t.number % 13 !== 0 && (t.number < 2020 || t.number > 2050),
    );
    const initial = data.tickets[space].map((t) => t.number);
    const deleted = new Set<number>();
    const created: number[] = [];
    const server = await startServer({ data });
    try {
      // A new array for each change, so the server's cached views of the space are rebuilt.
      const remove = (position: number): void => {
        const list = data.tickets[space];
        const victim = list[Math.max(0, Math.min(position, list.length - 1))];
        deleted.add(victim.number);
        data.tickets[space] = list.filter((t) => t !== victim);
      };
      const create = (): void => {
        const list = data.tickets[space];
        const top = list[list.length - 1];
        const ticket: WireTicket = { ...top, id: 90_000_000 + created.length, number: top.number + 1 };
        created.push(ticket.number);
        data.tickets[space] = [...list, ticket];
      };
      const api = new API({ auth: KEY_AUTH, baseUrl: server.url });
      let gapRequests = 0;
      api.requests$.subscribe((e) => {
        if (e.type !== 'start') return;
        if (/number%5B%5D=/.test(e.url)) gapRequests++;
        const page = Number(/[?&]page=(\d+)&per_page=100\b/.exec(e.url)?.[1]);
        if (!page) return;
        remove((page - 2) * 100 + 50); // already read (or being read): shifts every later ticket
        remove((page - 3) * 100 + 99);
        remove((page + 4) * 100 + 7); // not read yet
        create();
      });
      const delivered = (await read(api)).map((t) => t.number);
      return { delivered, survivors: initial.filter((n) => !deleted.has(n)), created, gapRequests };
    } finally {
      await server.stop();
    }
  }

  it.each(READS)(
    '%s: every ticket that exists from start to end is delivered exactly once, in order, over 5,000',
    async (_, read) => {
      const { delivered, survivors, created, gapRequests } = await readWhileEditing(read);
      expect(delivered.every((n, i) => i === 0 || n > delivered[i - 1])).toBe(true);
      const got = new Set(delivered);
      expect(survivors.filter((n) => !got.has(n))).toEqual([]);
      const known = new Set([...range(1, 5000), ...created]);
      expect(delivered.filter((n) => !known.has(n))).toEqual([]);
      expect(survivors.length).toBeGreaterThan(4000);
      expect(gapRequests).toBeGreaterThan(0);
    },
  );

  it.each(READS)(
    '%s: a ticket shifted across a boundary at a run of 20 deleted numbers is found by reading the page before again',
    async (_, read) => {
      // Pages are read one at a time (concurrency 1). Numbers 201-220 were deleted long ago, so page
      // 2 ends at 200 and page 3 starts at 221; ticket 10 is deleted as page 3 is asked for, so 221
      // shifts onto page 2, already read, and page 3 starts at 222: a gap of 21 numbers.
      const data = generateData({ tickets: 1000 });
      const space = bigProject(data);
      data.tickets[space] = data.tickets[space].filter((t) => t.number <= 200 || t.number > 220);
      const server = await startServer({ data });
      try {
        const api = new API({ auth: KEY_AUTH, baseUrl: server.url, concurrency: 1 });
        const pages: string[] = [];
        api.requests$.subscribe((e) => {
          const page = e.type === 'start' ? /[?&]page=(\d+)&per_page=100\b/.exec(e.url)?.[1] : undefined;
          if (page) pages.push(page);
          if (page === '3') data.tickets[space] = data.tickets[space].filter((t) => t.number !== 10);
        });
        const delivered = (await read(api)).map((t) => t.number);
        expect(delivered).toEqual([...range(1, 200), ...range(221, 1000)]); // 10 too: it was read before it went
        expect(pages.filter((p) => p === '2')).toHaveLength(2);
      } finally {
        await server.stop();
      }
    },
  );

  it.each(READS)(
    '%s: a ticket shifted onto the last page read, when the next comes back empty, is found up to the highest number',
    async (_, read) => {
      // 101 tickets: page 1 holds 1-100; ticket 5 is deleted as page 2 is asked for, so 101 shifts
      // onto page 1 and page 2 is empty (204). The probe saw 101 as the highest number.
      const data = generateData({ tickets: 101 });
      const space = bigProject(data);
      const server = await startServer({ data });
      try {
        const api = new API({ auth: KEY_AUTH, baseUrl: server.url, concurrency: 1 });
        api.requests$.subscribe((e) => {
          if (e.type === 'start' && /[?&]page=2&per_page=100\b/.test(e.url))
            data.tickets[space] = data.tickets[space].filter((t) => t.number !== 5);
        });
        expect((await read(api)).map((t) => t.number)).toEqual(range(1, 101));
      } finally {
        await server.stop();
      }
    },
  );

  it.each(READS)(
    '%s: a selection by number answered 404 (none of them exists) counts as deleted, not as a failure',
    async (_, read) => {
      // Every 7th ticket deleted long ago: gaps at page boundaries, checked by number[]; a proxy
      // answers those checks 404, as a server might for an empty selection.
      const data = generateData({ tickets: 1000 });
      const space = bigProject(data);
      data.tickets[space] = data.tickets[space].filter((t) => t.number % 7 !== 0);
      const server = await startServer({ data });
      const proxy = await startProxy(server.url, ({ url = '' }) =>
        /number%5B%5D=|number\[\]=/.test(url) ? { answer: { status: 404, body: '{"error":"not found"}' } } : undefined,
      );
      try {
        const delivered = (await read(new API({ auth: KEY_AUTH, baseUrl: proxy.url }))).map((t) => t.number);
        expect(delivered).toEqual(range(1, 1000).filter((n) => n % 7 !== 0));
        expect(proxy.seen.filter((u) => /number%5B%5D=|number\[\]=/.test(u)).length).toBeGreaterThan(0);
      } finally {
        await proxy.close();
        await server.stop();
      }
    },
  );
});
