// The local Assembla server: node:http on 127.0.0.1, answering like the real API v1 (see routes.ts),
// with optional latency, fault injection and rate limiting.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { FaultInjector, type FaultOptions } from './chaos/faults';
import { plan, type Plan } from './chaos/gate';
import { RateLimiter, type RateLimitOptions } from './chaos/ratelimit';
import { conditional, createEngine, resolve, respond, type HandlerOptions } from './handler';
import { apiPath } from './routes';
import { readBody } from './http/body';
import * as replies from './http/replies';
import { ServerOptionsError } from './options-error';
import type { Dataset } from './resources/dataset';
import { countersOf, countFault, countWrite, createStats, record, type ServerStats } from './stats';

export type { FaultOptions } from './chaos/faults';
export type { RateLimitOptions } from './chaos/ratelimit';
export type { ServerStats } from './stats';

/**
 * The options of `startServer`: every field is optional.
 *
 * @example
 * await startServer({ data: { tickets: 500 }, latencyMs: 20, faults: { rate5xx: 0.05 } });
 */
export interface ServerOptions extends HandlerOptions {
  /** Default 0: an ephemeral port. The server always binds 127.0.0.1 only. */
  port?: number;
  /** Added before every answer; default 0. */
  latencyMs?: number;
  /** Fault injection; default none. */
  faults?: FaultOptions;
  /** A fixed-window rate limiter; default none. */
  rateLimit?: RateLimitOptions;
  /**
   * The clock (epoch ms) of the rate limiter, the 429 windows, the timestamps of writes and the
   * activity window; default `Date.now`. A test passes its own to step time exactly (latency and
   * slow answers stay real timers).
   * @example
   * let t = 1e12;
   * const server = await startServer({ rateLimit: { limit: 3, windowMs: 1000 }, now: () => t });
   * t += 1000; // the next window
   */
  now?: () => number;
}

/** A server started by `startServer`: its URL, data and counters, and `stop()`. */
export interface RunningServer {
  /** `http://127.0.0.1:PORT`, no trailing slash; the API lives under `/v1`. */
  url: string;
  /** Closes the listener, destroys every open socket and clears every timer; idempotent. */
  stop(): Promise<void>;
  /** Live counters. */
  stats: ServerStats;
  data: Dataset;
}

/**
 * Starts a local Assembla-compatible server.
 * @example
 * const server = await startServer({ data: { tickets: 500 }, latencyMs: 20 });
 * const headers = { 'X-Api-Key': 'local-key', 'X-Api-Secret': 'local-secret' };
 * const res = await fetch(`${server.url}/v1/spaces.json`, { headers });
 * await server.stop();
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  checkOptions(options);
  let baseUrl = '';
  const engine = createEngine(options, () => baseUrl);
  const data = engine.store.data;
  const stats = createStats();
  const latencyMs = options.latencyMs ?? 0;
  const faults = options.faults ? new FaultInjector(options.faults) : undefined;
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  // A delay that stop() can cancel (the request is then never answered: its socket is destroyed).
  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (stopped) return;
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://127.0.0.1');
    if (url.pathname === '/__stats' || url.pathname === '/__stats/reset') return admin(req, res, url.pathname);

    const resolved = resolve(method, url.pathname);
    const { api } = resolved;
    const planned: Plan =
      api && method !== 'OPTIONS'
        ? plan({ limiter, faults }, method, api.path, rawUrl, engine.now())
        : { headers: {}, delayMs: 0 };
    const endpoint = resolved.endpoint;
    let { fault, drop } = planned;
    let reply = planned.reply;
    const write = api !== undefined && WRITES.includes(method);
    if (write) countWrite(stats, 'received', method);
    try {
      const body = method === 'POST' || method === 'PUT' ? await readBody(req) : Buffer.alloc(0);
      if (!reply) {
        reply = respond(engine, method, url, req.headers, body, resolved);
        if (write && reply.status >= 200 && reply.status < 300) countWrite(stats, 'applied', method);
      }
    } catch {
      reply = replies.errorPage(500);
    }
    if (planned.spoil) {
      // Only a 200 JSON body can be spoiled; otherwise no fault happened.
      const text = reply.body;
      if (reply.status === 200 && typeof text === 'string' && text.length > 1)
        reply = { ...reply, body: planned.spoil(text) };
      else fault = undefined;
    } else if (!fault) {
      reply = conditional(reply, req.headers['if-none-match'], engine.conditional);
    }
    const runtime = (performance.now() - started) / 1000;
    if (fault) countFault(stats, fault);

    await wait(latencyMs + planned.delayMs);
    const entry = { method, path: url.pathname, query: url.search.slice(1), ...(fault ? { fault } : {}) };
    // Dropping "after the headers" needs a body to cut: with none, the headers would be a whole answer.
    if (drop === 'after' && reply.body.length < 2) drop = 'before';
    if (drop === 'before') {
      req.socket.destroy();
      record(stats, endpoint, { ...entry, status: 0 });
      return;
    }
    const headers: Record<string, string> = {
      ...replies.CORS_HEADERS,
      'X-Request-Id': randomUUID().replace(/-/g, ''),
      'X-Runtime': runtime.toFixed(6),
      ...planned.headers,
      ...reply.headers,
      ...(faults?.refuses ? { Connection: 'close' } : {}),
    };
    if (reply.status !== 304) headers['Content-Length'] = String(Buffer.byteLength(reply.body));
    res.writeHead(reply.status, headers);
    if (drop === 'after') {
      // The headers and part of the body go out, then the connection dies.
      res.write(reply.body.slice(0, Math.floor(reply.body.length / 2)), () => req.socket.destroy());
      record(stats, endpoint, { ...entry, status: 0 });
      return;
    }
    res.end(reply.body);
    record(stats, endpoint, { ...entry, status: reply.status });
  }

  // Counters for a benchmark in another process: outside /v1, no auth, not counted themselves.
  function admin(req: IncomingMessage, res: ServerResponse, path: string): void {
    let reply = replies.notFound();
    if (req.method === 'OPTIONS') reply = replies.preflight();
    if (req.method === 'GET' && path === '/__stats') reply = replies.json(countersOf(stats));
    if (req.method === 'POST' && path === '/__stats/reset') {
      stats.reset();
      reply = replies.noContent();
    }
    res.writeHead(reply.status, {
      ...replies.CORS_HEADERS,
      ...reply.headers,
      'Content-Length': String(Buffer.byteLength(reply.body)),
    });
    res.end(reply.body);
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined); // the client went away; nothing to do
    handle(req, res).catch(() => res.destroy()); // a bug here must not take the test process down
  });
  // With refused connections, a plain TCP listener takes each connection first and reads only its
  // first request line; a refused one is reset there, the others go on to the HTTP server. `sockets`
  // holds every socket it took, for stop() (the HTTP server tracks only those it accepted itself).
  const sockets = new Set<Socket>();
  const listener = faults?.refuses
    ? createNetServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.once('close', () => sockets.delete(socket));
        socket.once('data', (chunk: Buffer) => {
          socket.pause();
          if (refused(chunk)) {
            socket.resetAndDestroy();
            return;
          }
          socket.unshift(chunk);
          server.emit('connection', socket);
          socket.resume();
        });
      })
    : server;

  function refused(chunk: Buffer): boolean {
    const line = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r\n/.exec(chunk.toString('latin1', 0, Math.min(chunk.length, 8192)));
    if (!faults || !line) return false;
    const [, method, rawUrl] = line;
    const url = new URL(rawUrl, 'http://127.0.0.1');
    const api = apiPath(url.pathname);
    if (!api || !faults.appliesToWrite(method, api.path) || !faults.drawRefusal(method, rawUrl)) return false;
    countFault(stats, 'refused');
    const entry = { method, path: url.pathname, query: url.search.slice(1), status: 0, fault: 'refused' };
    record(stats, resolve(method, url.pathname).endpoint, entry);
    return true;
  }

  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(options.port ?? 0, '127.0.0.1', () => {
      listener.off('error', reject);
      resolve();
    });
  });
  baseUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;

  let stopping: Promise<void> | undefined;
  return {
    url: baseUrl,
    stats,
    data,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        stopped = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const socket of sockets) socket.destroy();
        if (listener !== server) listener.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

const WRITES = ['POST', 'PUT', 'DELETE'];

function checkOptions(options: ServerOptions): void {
  const { port = 0, latencyMs = 0, faults = {}, rateLimit } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ServerOptionsError(`port must be an integer 0..65535, got ${port}`);
  if (!(latencyMs >= 0)) throw new ServerOptionsError(`latencyMs must be >= 0, got ${latencyMs}`);
  const rates = [
    'rate5xx',
    'burst429Rate',
    'truncateRate',
    'malformedRate',
    'dropRate',
    'slowRate',
    'dropAfterApplyRate',
    'reject429Rate',
    'refuseRate',
  ] as const;
  for (const name of rates) {
    const rate = faults[name] ?? 0;
    if (!(rate >= 0 && rate <= 1))
      throw new ServerOptionsError(`faults.${name} must be a probability 0..1, got ${rate}`);
  }
  if (rateLimit && !(rateLimit.limit >= 1 && rateLimit.windowMs > 0)) {
    throw new ServerOptionsError(`rateLimit needs limit >= 1 and windowMs > 0, got ${JSON.stringify(rateLimit)}`);
  }
}
