// Issue 8 item 1: a streamed export through 500/502/503 answers (the 500 an HTML page with
// `Connection: close`), spoiled bodies and a server rate limit delivers every ticket exactly once
// and in order, with the default retry policy (only its jitter fixed, so the run is repeatable).
import { lastValueFrom, toArray } from 'rxjs';
import { API, RequestEvent, streamTickets } from '../../lib';
import { RunningServer, ServerOptions, startServer } from '../../lib/testing';
import { KEY_AUTH } from '../support/local';

const TICKETS = 3000;

const SERVER: ServerOptions = {
  data: { tickets: TICKETS },
  faults: { seed: 1, rate5xx: 0.1, statuses5xx: [500, 502, 503], truncateRate: 0.025, malformedRate: 0.025 },
  rateLimit: { limit: 20, windowMs: 1000 },
  // The server's clock runs 20 ms ahead (as in faults.spec.ts): a timer can fire a millisecond
  // early, and a call sent exactly at Reset must not reach the server in the old window's last
  // millisecond, where a 429 would spend an attempt that the faults may need.
  now: () => Date.now() + 20,
};

/** The figures of one fault export, as reported in the issue. */
interface ExportFigures {
  requests: number;
  faults: Record<string, number>;
  byStatus: Record<number, number>;
  retries: number;
  /** The most attempts any one call needed. */
  maxAttempt: number;
  expected: number;
  delivered: number;
  duplicates: number;
  inOrder: boolean;
}

async function faultExport(server: RunningServer): Promise<ExportFigures> {
  const api = new API({ auth: KEY_AUTH, baseUrl: server.url, perPage: 50, retry: { random: () => 0.5 } });
  const events: RequestEvent[] = [];
  api.requests$.subscribe((e) => events.push(e));
  const tickets = await lastValueFrom(api.space({ name: 'Big Project' }).pipe(streamTickets(), toArray()));
  const numbers = tickets.map((t) => t.number);
  return {
    requests: server.stats.requests,
    faults: { ...server.stats.faults },
    byStatus: { ...server.stats.byStatus },
    retries: events.filter((e) => e.type === 'retry').length,
    maxAttempt: Math.max(...events.filter((e) => e.type === 'start').map((e) => e.attempt)),
    expected: TICKETS,
    delivered: tickets.length,
    duplicates: numbers.length - new Set(numbers).size,
    inOrder: numbers.every((n, i) => n === i + 1),
  };
}

describe('a fault export with 500s (issue 8, item 1)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(SERVER);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('streams 3,000 tickets once, in order, through 10% 5xx, 5% bad bodies and 20 requests/s', async () => {
    const figures = await faultExport(server);
    console.log(`fault export (item 1): ${JSON.stringify(figures)}`);
    expect(figures).toMatchObject({ delivered: TICKETS, duplicates: 0, inOrder: true });
    // The faults the test is about did happen: 500s among them, and spoiled bodies.
    expect(server.stats.log.some((e) => e.status === 500)).toBe(true);
    expect(figures.faults).toMatchObject({
      '5xx': expect.any(Number),
      truncated: expect.any(Number),
      malformed: expect.any(Number),
    });
    expect(figures.retries).toBeGreaterThanOrEqual(
      figures.faults['5xx'] + figures.faults.truncated + figures.faults.malformed,
    );
  }, 60_000);
});
