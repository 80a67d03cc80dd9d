// Starts the local Assembla server for a test file (real sockets, real XHR via xhr2) and makes
// APIs pointed at it.
import { API, APIOptions } from '../../lib';
import { DEFAULT_CREDENTIALS, RunningServer, ServerOptions, startServer } from '../../lib/testing';

export const KEY_AUTH = { key: DEFAULT_CREDENTIALS.key, secret: DEFAULT_CREDENTIALS.secret };

export interface Local {
  readonly server: RunningServer;
  /** A new API on the server (key + secret unless `auth` is given). */
  api(options?: Partial<APIOptions>): API;
  /** Requests the server counted since the last `reset()`, by endpoint key. */
  count(endpoint?: string): number;
}

/**
 * One server for the whole file, started before the first test and stopped after the last; or with
 * `scope: 'test'`, a fresh one for each test, so that a request an earlier test aborted can never
 * land in this one's counters (on a loaded machine it may reach the server late).
 * @example const local = useLocalServer({ data: { tickets: 1500 } }, 'test');
 */
export function useLocalServer(options: ServerOptions = {}, scope: 'file' | 'test' = 'file'): Local {
  let server: RunningServer | undefined;
  const [before, after] = scope === 'test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    server = await startServer(options);
  });
  after(async () => {
    await server?.stop();
  });
  const get = (): RunningServer => {
    if (!server) throw new Error('the server is not started yet');
    return server;
  };
  return {
    get server() {
      return get();
    },
    api: (o = {}) => new API({ auth: KEY_AUTH, baseUrl: get().url, ...o }),
    count: (endpoint) => (endpoint ? (get().stats.byEndpoint[endpoint] ?? 0) : get().stats.requests),
  };
}

/** Resolves after `ms` of real time. */
export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `run` with a server of its own, stopped afterwards whatever happens.
 * @example await withServer({ data: { tickets: 300 } }, async (server) => { ... });
 */
export async function withServer<T>(options: ServerOptions, run: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer(options);
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

/**
 * The error `p` fails with; a failure of the test if it succeeds.
 * @example expect(await fail(lastValueFrom(write$))).toBeInstanceOf(ValidationError);
 */
export const fail = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
