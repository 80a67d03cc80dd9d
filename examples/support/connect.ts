// Connects the examples to real Assembla when credentials are in the environment, and otherwise
// to the embedded local server (started in-process on 127.0.0.1 with generated data).
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { API } from '../../lib';
import { DEFAULT_CREDENTIALS, SEED_NOW, startServer } from '../../lib/testing';
import type { Example, ExampleContext } from './context';

export interface Connection {
  /** A connected API; each call gives a new one (with empty caches). */
  readonly connect: () => API;
  readonly spaceName: string;
  /** Where the calls go, for the banner (never with credentials). */
  readonly target: string;
  /** Whether this is the embedded local server (not real Assembla). */
  readonly local: boolean;
  /** Whether the writing examples run: always locally, against real Assembla with ASSEMBLA_ALLOW_WRITES=1. */
  readonly writes: boolean;
  stop(): Promise<void>;
}

/** Real Assembla with ASSEMBLA_KEY + ASSEMBLA_SECRET (or ASSEMBLA_TOKEN) and ASSEMBLA_SPACE; else the local server. */
export async function connect(options: { tickets?: number; latencyMs?: number } = {}): Promise<Connection> {
  const env = process.env;
  const auth = env.ASSEMBLA_TOKEN
    ? { token: env.ASSEMBLA_TOKEN }
    : env.ASSEMBLA_KEY && env.ASSEMBLA_SECRET
      ? { key: env.ASSEMBLA_KEY, secret: env.ASSEMBLA_SECRET }
      : undefined;
  if (auth) {
    if (!env.ASSEMBLA_SPACE) throw new Error('Set ASSEMBLA_SPACE to the name of the space the examples should read.');
    const baseUrl = env.ASSEMBLA_BASE_URL ?? 'https://api.assembla.com';
    const fresh = () => new API({ auth, baseUrl });
    return {
      connect: fresh,
      spaceName: env.ASSEMBLA_SPACE,
      target: baseUrl,
      local: false,
      writes: env.ASSEMBLA_ALLOW_WRITES === '1',
      stop: async () => undefined,
    };
  }
  // The server's clock runs on from the end of the seed data, so that its 60 days of activity hold
  // the seeded events; the API's scheduler reads the same clock (it counts the 60 days from it).
  const started = Date.now();
  const now = (): number => SEED_NOW + (Date.now() - started);
  const server = await startServer({
    data: { tickets: options.tickets ?? 2000 },
    latencyMs: options.latencyMs ?? 0,
    now,
  });
  const { key, secret } = DEFAULT_CREDENTIALS;
  const scheduler: SchedulerLike = { now, schedule: asyncScheduler.schedule.bind(asyncScheduler) };
  const fresh = () => new API({ auth: { key, secret }, baseUrl: server.url, scheduler });
  return {
    connect: fresh,
    spaceName: 'Big Project',
    target: `${server.url} (local server)`,
    local: true,
    writes: true,
    stop: () => server.stop(),
  };
}

/** Runs one example on its own (`npx ts-node examples/basic.ts`). */
export function runAlone(example: Example): void {
  void (async () => {
    const c = await connect();
    try {
      const ctx: ExampleContext = {
        assembla: c.connect(),
        spaceName: c.spaceName,
        print: (line) => console.log(line),
        writes: c.writes,
      };
      await example(ctx);
    } finally {
      await c.stop();
    }
  })().catch((e: unknown) => {
    console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
    process.exitCode = 1;
  });
}
