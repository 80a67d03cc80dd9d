import { OperatorFunction, firstValueFrom, lastValueFrom, mergeMap, toArray } from 'rxjs';
import {
  API,
  AbortError,
  AssemblaError,
  DecodeError,
  FilterError,
  Milestone,
  RequestEvent,
  Space,
  Ticket,
  User,
  iterateTickets,
  milestones,
  tickets,
  users,
} from '../../lib';
import { KEY_AUTH, useLocalServer } from '../support/local';
import { Proxy, startProxy } from '../support/proxy';

const TICKETS = 1500;
const LOOKAHEAD = 3;

/** Watches an API's requests: page requests sent, those aborted, and how many are in flight. */
function watch(api: API) {
  let inFlight = 0;
  const waiters: Array<() => void> = [];
  const pages: number[] = [];
  const aborted: number[] = [];
  let probes = 0;
  const pageOf = (e: RequestEvent): number | undefined => {
    const m = /\/tickets\?.*\bpage=(\d+)/.exec(e.url);
    if (!m) return undefined;
    if (/\bper_page=1\b/.test(e.url)) return 0; // the last-ticket probe
    return Number(m[1]);
  };
  api.requests$.subscribe((e) => {
    const page = pageOf(e);
    if (e.type === 'start') {
      inFlight++;
      if (page === 0) probes++;
      else if (page !== undefined) pages.push(page);
    }
    if (e.type === 'end') {
      inFlight--;
      if (page && e.error?.includes('aborted')) aborted.push(page);
      if (inFlight === 0) for (const w of waiters.splice(0)) w();
    }
  });
  return {
    pages,
    aborted,
    get probes() {
      return probes;
    },
    get inFlight() {
      return inFlight;
    },
    /**
     * Resolves once no request is in flight (at once if none is). Checked again after each wake-up:
     * the answer that ended the last request may have started the next ones in the meantime.
     */
    idle: async (): Promise<void> => {
      while (inFlight > 0) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

/** A promise and its resolve function, to hold the loop body for as long as a test wants. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('iterateTickets over real HTTP', () => {
  const local = useLocalServer({ data: { tickets: TICKETS }, latencyMs: 20 });
  beforeEach(() => expect.hasAssertions());
  const bigProject = (api: API) => api.space({ name: 'Big Project' });

  it('yields every ticket once, in order', async () => {
    const api = local.api({ concurrency: LOOKAHEAD });
    const numbers: number[] = [];
    for await (const t of iterateTickets(bigProject(api))) numbers.push(t.number);
    expect(numbers).toEqual(Array.from({ length: TICKETS }, (_, i) => i + 1));
  });

  it('stops asking for pages while the loop body waits: at most the look-ahead is asked ahead', async () => {
    const api = local.api({ concurrency: LOOKAHEAD });
    const seen = watch(api);
    const hold = gate();
    const numbers: number[] = [];
    let asked = -1;
    for await (const t of iterateTickets(bigProject(api))) {
      numbers.push(t.number);
      if (t.number === 1) {
        // The consumer is busy with ticket 1: let everything already asked land, then count.
        await seen.idle();
        asked = seen.pages.length;
        hold.open();
      }
      await hold.promise;
    }
    // Page 1 and the look-ahead behind it: not the 15 pages of the list.
    expect(asked).toBeLessThanOrEqual(1 + LOOKAHEAD);
    expect(seen.probes).toBeLessThanOrEqual(1);
    expect(numbers).toEqual(Array.from({ length: TICKETS }, (_, i) => i + 1));
  });

  it('with a slow consumer, never has more than the look-ahead of pages asked ahead of it', async () => {
    const api = local.api({ concurrency: LOOKAHEAD });
    const seen = watch(api);
    let most = 0;
    let count = 0;
    for await (const t of iterateTickets(bigProject(api))) {
      count++;
      // At the first ticket of each page, let the requests land, then compare with the page we are on.
      if (t.number % 100 === 1) {
        await seen.idle();
        const page = Math.ceil(t.number / 100);
        most = Math.max(most, Math.max(...seen.pages) - page);
      }
    }
    expect(count).toBe(TICKETS);
    expect(most).toBeLessThanOrEqual(LOOKAHEAD);
    // And every page was asked once.
    expect([...seen.pages].sort((a, b) => a - b)).toEqual(Array.from({ length: TICKETS / 100 }, (_, i) => i + 1));
  });

  it('aborts the pages in flight and asks no more when the loop breaks', async () => {
    const api = local.api({ concurrency: LOOKAHEAD });
    const seen = watch(api);
    let inFlightAtBreak = -1;
    for await (const t of iterateTickets(bigProject(api))) {
      expect(t.number).toBe(1);
      inFlightAtBreak = seen.inFlight;
      break;
    }
    // The look-ahead pages (2..LOOKAHEAD) and the probe were in flight; leaving aborted them all.
    expect(inFlightAtBreak).toBeGreaterThan(0);
    expect(seen.inFlight).toBe(0);
    expect(seen.aborted.sort()).toEqual(seen.pages.filter((p) => p > 1).sort());
    expect(seen.aborted.length).toBeGreaterThan(0);
    const sent = seen.pages.length;
    // One more round trip on the same API: still no new page request.
    await firstValueFrom(api.spaces());
    expect(seen.pages.length).toBe(sent);
  });

  it('aborts the pages in flight when the loop body throws, and rethrows', async () => {
    const api = local.api({ concurrency: LOOKAHEAD });
    const seen = watch(api);
    const iterate = async (): Promise<void> => {
      for await (const t of iterateTickets(bigProject(api))) if (t.number === 1) throw new Error('sink failed');
    };
    await expect(iterate()).rejects.toThrow('sink failed');
    expect(seen.inFlight).toBe(0);
    expect(seen.aborted.length).toBeGreaterThan(0);
  });

  it('an AbortSignal aborts the requests in flight at once, and the loop throws an AbortError', async () => {
    const api = local.api({ concurrency: LOOKAHEAD });
    const seen = watch(api);
    const controller = new AbortController();
    const numbers: number[] = [];
    let inFlightAfterAbort = -1;
    const iterate = async (): Promise<void> => {
      for await (const t of iterateTickets(bigProject(api), undefined, { signal: controller.signal })) {
        numbers.push(t.number);
        controller.abort('enough');
        inFlightAfterAbort = seen.inFlight;
      }
    };
    const error = await iterate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toBeInstanceOf(AssemblaError);
    expect((error as AbortError).name).toBe('AbortError');
    expect((error as { cause?: unknown }).cause).toBe('enough');
    expect(numbers).toEqual([1]);
    expect(inFlightAfterAbort).toBe(0);
    expect(seen.aborted.length).toBeGreaterThan(0);
  });

  it('an abort while next() waits rejects it with an AbortError; an aborted signal sends nothing', async () => {
    const api = local.api();
    const seen = watch(api);
    const controller = new AbortController();
    const iterator = iterateTickets(bigProject(api), undefined, { signal: controller.signal })[Symbol.asyncIterator]();
    const pending = iterator.next();
    expect(seen.inFlight).toBe(1); // the space
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
    expect(seen.inFlight).toBe(0);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });

    const before = local.server.stats.requests;
    const again = iterateTickets(bigProject(api), undefined, { signal: controller.signal })[Symbol.asyncIterator]();
    await expect(again.next()).rejects.toBeInstanceOf(AbortError);
    expect(seen.inFlight).toBe(0);
    expect(local.server.stats.requests).toBe(before);
  });

  it('takes a filter, { params }, milestones and users (several in turn), like tickets()', async () => {
    const api = local.api();
    const reference = local.api();
    const collect = async (it: AsyncIterable<Ticket>): Promise<number[]> => {
      const out: number[] = [];
      for await (const t of it) out.push(t.id);
      return out;
    };
    const ids = (list: Ticket[]): number[] => list.map((t) => t.id);

    expect(await collect(iterateTickets(bigProject(api), { status_name: 'Test' }))).toEqual(
      ids(await firstValueFrom(bigProject(reference).pipe(tickets({ status_name: 'Test' })))),
    );
    // Several scopes in turn: the first two milestones, then the first two users.
    const scopes: Array<OperatorFunction<Space, ReadonlyArray<Milestone | User>>> = [milestones(), users()];
    for (const list of scopes) {
      const firstTwo = (a: API) =>
        bigProject(a).pipe(
          list,
          mergeMap((all) => all.slice(0, 2)),
        );
      const expected = await lastValueFrom(firstTwo(reference).pipe(tickets(), toArray()));
      expect(expected.flat().length).toBeGreaterThan(0);
      expect(await collect(iterateTickets(firstTwo(api)))).toEqual(ids(expected.flat()));
    }

    const params = { sort_order: 'desc' };
    const desc = await collect(iterateTickets(bigProject(api), undefined, { params }));
    expect(desc).toEqual(ids(await firstValueFrom(bigProject(reference).pipe(tickets(undefined, { params })))));
  });

  it('reads a cached full list with no request, and each loop reads afresh (cold)', async () => {
    const api = local.api();
    const list = await firstValueFrom(bigProject(api).pipe(tickets()));
    const seen = watch(api);
    const iterable = iterateTickets(bigProject(api), { status_name: 'Test' });
    for (let round = 0; round < 2; round++) {
      const out: Ticket[] = [];
      for await (const t of iterable) out.push(t);
      expect(out).toEqual(list.filter((t) => t.status_name === 'Test'));
    }
    expect(seen.pages).toEqual([]);
  });

  it('throws a bad filter as a FilterError from the loop', async () => {
    const api = local.api();
    const iterate = async (): Promise<void> => {
      for await (const t of iterateTickets(bigProject(api), { no_such_field: 1 } as never)) void t;
    };
    await expect(iterate()).rejects.toBeInstanceOf(FilterError);
  });

  describe('a list that fails mid-way', () => {
    // Forwards to the local server, but page 3 of a ticket list is a ticket without its fields.
    let proxy: Proxy;
    let url = '';
    beforeAll(async () => {
      const page3 = (path: string): boolean => /\/tickets\?/.test(path) && /[?&]page=3(&|$)/.test(path);
      proxy = await startProxy(local.server.url, (req) =>
        page3(req.url ?? '') ? { answer: { status: 200, body: '[{"id":1}]' } } : undefined,
      );
      url = proxy.url;
    });
    afterAll(() => proxy.close());

    it('throws the typed error from the loop, after the tickets delivered before it', async () => {
      const api = new API({ auth: KEY_AUTH, baseUrl: url, concurrency: LOOKAHEAD });
      const numbers: number[] = [];
      const iterate = async (): Promise<void> => {
        for await (const t of iterateTickets(bigProject(api))) numbers.push(t.number);
      };
      const error = await iterate().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DecodeError);
      // Page 1 at least (it goes alone); page 2 only if it landed before page 3 failed (as with streamTickets).
      expect([100, 200]).toContain(numbers.length);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    });
  });
});
