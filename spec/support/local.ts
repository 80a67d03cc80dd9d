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

/** One server for the whole file, started before the first test and stopped after the last. */
export function useLocalServer(options: ServerOptions = {}): Local {
  let server: RunningServer | undefined;
  beforeAll(async () => {
    server = await startServer(options);
  });
  afterAll(async () => {
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
    count: (endpoint) => (endpoint ? get().stats.byEndpoint[endpoint] ?? 0 : get().stats.requests),
  };
}

/** Resolves after `ms` of real time. */
export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
