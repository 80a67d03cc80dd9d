// The local server's write faults over real HTTP: an answer dropped after the write was applied, a
// 429 before it was, a connection reset before anything was read; each deterministic from the seed,
// restricted to writes, and counted (stats.faults, stats.writes) so that a test can prove every
// write landed exactly once.
import { startServer, type FaultOptions, type RunningServer } from '../../lib/testing';
import { parseArgs } from '../../lib/testing/cli';
import { AUTH, call } from './helpers';

const servers: RunningServer[] = [];

async function serve(faults: FaultOptions): Promise<RunningServer> {
  const server = await startServer({ data: { tickets: 20 }, faults });
  servers.push(server);
  return server;
}

/** What a client sees of one request: its status, or the network error's code. */
async function outcome(server: RunningServer, method: string, path: string, body?: unknown): Promise<string> {
  try {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...AUTH, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await res.text();
    return String(res.status);
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    return cause?.code ?? 'network error';
  }
}

const summaries = (server: RunningServer): string[] =>
  server.data.tickets[server.data.spaces[0].id].map((t) => t.summary);

describe('local server: write faults', () => {
  afterAll(() => Promise.all(servers.map((s) => s.stop())));
  beforeEach(() => expect.hasAssertions());

  it('drop-after-apply: the ticket is created, then the connection dies without an answer', async () => {
    const server = await serve({ dropAfterApplyRate: 1 });
    const seen = await outcome(server, 'POST', '/v1/spaces/big-project/tickets', { summary: 'Lost answer' });
    expect(['ECONNRESET', 'UND_ERR_SOCKET', 'network error']).toContain(seen);
    expect(summaries(server)).toContain('Lost answer');
    expect(server.stats.faults['drop-after-apply']).toBe(1);
    expect(server.stats.writes).toEqual({ received: { POST: 1 }, applied: { POST: 1 } });
    expect(server.stats.log.at(-1)).toMatchObject({ method: 'POST', status: 0, fault: 'drop-after-apply' });
    // Reads are left alone, and so is the data: a PUT and a DELETE land too.
    expect((await call(server.url, '/v1/spaces/big-project/tickets/21')).json.summary).toBe('Lost answer');
    await outcome(server, 'PUT', '/v1/spaces/big-project/tickets/21', { priority: 1 });
    await outcome(server, 'DELETE', '/v1/spaces/big-project/tickets/2');
    expect(summaries(server)).toHaveLength(20);
    expect(server.stats.writes.applied).toEqual({ POST: 1, PUT: 1, DELETE: 1 });
  });

  it('429-before: answered 429 with Retry-After, nothing applied, no window for the next request', async () => {
    const server = await serve({ reject429Rate: 1, retryAfterSec: 3 });
    const res = await call(server.url, '/v1/spaces/big-project/tickets', {
      method: 'POST',
      body: JSON.stringify({ summary: 'Throttled' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(summaries(server)).not.toContain('Throttled');
    expect(server.stats.faults['429-before']).toBe(1);
    expect(server.stats.writes).toEqual({ received: { POST: 1 }, applied: {} });
    expect((await call(server.url, '/v1/spaces/big-project/tickets/1')).status).toBe(200);
  });

  it('refused: the connection is reset before anything is read, so the write is not even received', async () => {
    const server = await serve({ refuseRate: 1 });
    const seen = await outcome(server, 'POST', '/v1/spaces/big-project/tickets', { summary: 'Never read' });
    expect(['ECONNRESET', 'UND_ERR_SOCKET', 'network error']).toContain(seen);
    expect(summaries(server)).not.toContain('Never read');
    expect(server.stats.faults.refused).toBe(1);
    expect(server.stats.writes).toEqual({ received: {}, applied: {} });
    expect(server.stats.log.at(-1)).toMatchObject({ method: 'POST', status: 0, fault: 'refused' });
    // A read is not a write: its connection is taken and answered, with `Connection: close`.
    const read = await fetch(`${server.url}/v1/spaces/big-project/tickets/1`, { headers: AUTH });
    expect(read.status).toBe(200);
    expect(read.headers.get('connection')).toBe('close');
  });

  it('hits only the methods it is told to', async () => {
    const server = await serve({ refuseRate: 1, reject429Rate: 0, writeFaultMethods: ['PUT'] });
    expect(await outcome(server, 'POST', '/v1/spaces/big-project/tickets', { summary: 'Fine' })).toBe('201');
    expect(await outcome(server, 'PUT', '/v1/spaces/big-project/tickets/1', { priority: 2 })).not.toBe('204');
    expect(server.stats.writes).toEqual({ received: { POST: 1 }, applied: { POST: 1 } });
  });

  it('draws the same write faults for the same requests from the same seed, and its counters add up', async () => {
    const mixed: FaultOptions = { seed: 5, dropAfterApplyRate: 0.2, reject429Rate: 0.2, refuseRate: 0.2 };
    const run = async (): Promise<{ server: RunningServer; seen: string[] }> => {
      const server = await serve(mixed);
      const seen: string[] = [];
      for (let i = 0; i < 40; i++)
        seen.push(await outcome(server, 'POST', '/v1/spaces/big-project/tickets', { summary: `Write ${i}` }));
      return { server, seen };
    };
    const [a, b] = [await run(), await run()];
    expect(b.seen).toEqual(a.seen);
    expect(b.server.stats.log.map((e) => e.fault)).toEqual(a.server.stats.log.map((e) => e.fault));
    const { faults, writes } = a.server.stats;
    for (const kind of ['drop-after-apply', '429-before', 'refused']) expect(faults[kind]).toBeGreaterThan(0);
    expect(a.seen.filter((s) => s === '201')).toHaveLength(writes.applied.POST - faults['drop-after-apply']);
    expect(a.seen.filter((s) => s === '429')).toHaveLength(faults['429-before']);
    expect(writes.received.POST).toBe(40 - faults.refused);
    expect(writes.applied.POST).toBe(writes.received.POST - faults['429-before']);
    // Each applied POST is one new ticket, each once.
    const created = summaries(a.server).filter((s) => s.startsWith('Write '));
    expect(created).toHaveLength(writes.applied.POST);
    expect(new Set(created).size).toBe(created.length);
  });

  it('leaves GET faults as they were: write faults never touch a read', async () => {
    const server = await serve({ dropAfterApplyRate: 1, reject429Rate: 0, refuseRate: 0 });
    for (let i = 1; i <= 5; i++)
      expect((await call(server.url, `/v1/spaces/big-project/tickets/${i}`)).status).toBe(200);
    expect(server.stats.faults).toEqual({});
  });

  it('shows the write counters at /__stats and zeroes them on reset', async () => {
    const server = await serve({ reject429Rate: 1 });
    await outcome(server, 'POST', '/v1/spaces/big-project/tickets', { summary: 'x' });
    const counters = (await (await fetch(`${server.url}/__stats`)).json()) as { writes: unknown };
    expect(counters.writes).toEqual({ received: { POST: 1 }, applied: {} });
    await fetch(`${server.url}/__stats/reset`, { method: 'POST' });
    expect(server.stats.writes).toEqual({ received: {}, applied: {} });
  });

  it('refuses rates outside 0..1', async () => {
    await expect(startServer({ faults: { refuseRate: 2 } })).rejects.toThrow('faults.refuseRate');
    await expect(startServer({ faults: { dropAfterApplyRate: -1 } })).rejects.toThrow('faults.dropAfterApplyRate');
  });

  it('takes the write faults from the command line', () => {
    const argv =
      '--seed 4 --fault-drop-after-apply 0.1 --fault-429-before 0.1 --fault-refuse 0.05 --write-fault-methods post,put';
    expect(parseArgs(argv.split(' '))).toEqual({
      data: { seed: 4 },
      faults: {
        seed: 4,
        dropAfterApplyRate: 0.1,
        reject429Rate: 0.1,
        refuseRate: 0.05,
        writeFaultMethods: ['POST', 'PUT'],
      },
    });
    expect(() => parseArgs(['--write-fault-methods', 'PATCH'])).toThrow('--write-fault-methods');
  });
});
