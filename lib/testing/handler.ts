// The server's answer to one request, without sockets: credentials, route and reply. The HTTP
// server (server.ts) wraps it with latency, faults and rate limiting; createHandler exposes it as
// is, for marble tests that answer the SDK's `http` calls in virtual time.
import type { IncomingHttpHeaders } from 'node:http';
import { generateData, type DataOptions } from './data';
import { authenticate } from './http/auth';
import { parseBody } from './http/body';
import { DEFAULT_CREDENTIALS, type Credentials } from './http/credentials';
import { varyOffsets } from './http/offsets';
import * as replies from './http/replies';
import { ServerOptionsError } from './options-error';
import { zoneOffset } from './resources/activity';
import { DEFAULT_SEMANTICS, type ActivityOptions, type Semantics } from './resources/context';
import type { Dataset } from './resources/dataset';
import { storage } from './resources/documents';
import { Store } from './resources/store';
import { apiPath, matchRoute, type ApiPath, type RouteMatch } from './routes';

/**
 * What both `startServer` and `createHandler` take: the data, the credentials, the clock and the
 * switchable behaviours.
 * @example
 * createHandler({ data: { tickets: 50 }, now: () => SEED_NOW, downloads: 'redirect' });
 */
export interface HandlerOptions {
  /** A ready dataset (served and changed in place by writes), or options for generateData; default generateData({}). */
  data?: Dataset | DataOptions;
  /** Default DEFAULT_CREDENTIALS. */
  credentials?: Credentials;
  /**
   * The clock (epoch ms): the rate limiter's windows, the timestamps of writes and the end of the
   * 60-day activity window; default `Date.now`. Pass `() => SEED_NOW` to see the seeded activity.
   */
  now?: () => number;
  /** How `GET /activity` orders events and reads `from`/`to`; default newest-first, exclusive, UTC. */
  activity?: ActivityOptions;
  /**
   * 'direct' (default): a document download answers 200 with the bytes. 'redirect': it answers 302
   * to file storage on the same server (`/files/:id/:filename`, outside /v1), which answers 400 when
   * any Assembla credential header (X-Api-Key, X-Api-Secret, Authorization) comes along.
   */
  downloads?: 'direct' | 'redirect';
  /** Whether `GET /spaces/:space/wiki_pages/:id` also finds a page by its page_name; default true. */
  wikiByName?: boolean;
  /**
   * Whether a GET whose `If-None-Match` is the answer's ETag gets a 304 (default true); `false` plays
   * a server that always answers 200, as the real API may: its 304s were never recorded (digest §3.3).
   */
  conditional?: boolean;
  /**
   * 'stored' (default): timestamps as stored. 'varying': each answer to a URL writes its timestamps
   * at the next UTC offset in turn (Z, +05:30, -08:00), the same instants, so its body and ETag
   * change when nothing did, as the real API's offsets vary between calls for the same record
   * (spec/fixtures/recordings/ticket-custom-fields/get.json).
   */
  offsets?: 'stored' | 'varying';
}

/** What answering needs, shared by the HTTP server and the in-memory handler. */
export interface Engine {
  store: Store;
  credentials: Credentials;
  now: () => number;
  semantics: Semantics;
  /** The server's own URL (for Location headers), no trailing slash. */
  baseUrl: () => string;
  /** Whether a matching `If-None-Match` gets a 304. */
  conditional: boolean;
  /** With `offsets: 'varying'`: how many answers each URL got so far (its next offset). */
  offsetCalls?: Map<string, number>;
}

/** A request's route, worked out before it is answered (the server plans faults and counts by it). */
export interface Resolved {
  api?: ApiPath;
  route?: RouteMatch;
  /** The statistics key, e.g. `GET /spaces/:space/tickets/:number`, or `GET *` for no route. */
  endpoint: string;
}

const STORAGE_ENDPOINT = 'GET /files/:document/:filename';

/**
 * The engine of a server from its options (the options are checked first).
 * @example
 * const engine = createEngine({ data: { tickets: 10 } }, () => 'http://127.0.0.1:3000');
 */
export function createEngine(options: HandlerOptions, baseUrl: () => string): Engine {
  checkHandlerOptions(options);
  const data = isDataset(options.data) ? options.data : generateData(options.data ?? {});
  return {
    store: new Store(data),
    credentials: options.credentials ?? DEFAULT_CREDENTIALS,
    now: options.now ?? Date.now,
    semantics: {
      activity: { ...DEFAULT_SEMANTICS.activity, ...options.activity },
      downloads: options.downloads ?? DEFAULT_SEMANTICS.downloads,
      wikiByName: options.wikiByName ?? DEFAULT_SEMANTICS.wikiByName,
    },
    baseUrl,
    conditional: options.conditional ?? true,
    ...(options.offsets === 'varying' ? { offsetCalls: new Map<string, number>() } : {}),
  };
}

/**
 * Which route a request goes to.
 * @example
 * resolve('GET', '/v1/spaces/big-project.json').endpoint; // 'GET /spaces/:space'
 */
export function resolve(method: string, pathname: string): Resolved {
  if (method === 'OPTIONS') return { endpoint: 'OPTIONS *' };
  if (method === 'GET' && pathname.startsWith('/files/')) return { endpoint: STORAGE_ENDPOINT };
  const api = apiPath(pathname);
  const route = api ? matchRoute(method, api.path) : undefined;
  return { api, route, endpoint: route?.key ?? `${method} *` };
}

/**
 * The answer to a request: file storage, then credentials (unknown /v1 paths need them too), then
 * the route (its timestamps at this call's offset with `offsets: 'varying'`). `headers` have
 * lower-case names, as node:http gives them.
 * @example
 * respond(engine, 'GET', new URL('http://x/v1/user'), { 'x-api-key': 'k', 'x-api-secret': 's' }, '', resolved);
 */
export function respond(
  engine: Engine,
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  body: string | Uint8Array,
  { api, route, endpoint }: Resolved,
): replies.Reply {
  if (method === 'OPTIONS') return replies.preflight();
  if (endpoint === STORAGE_ENDPOINT)
    return storage(engine.store, url.pathname, headers as Record<string, unknown>) ?? replies.notFound();
  if (!api) return replies.notFound();
  const denied = authenticate(headers, engine.credentials);
  if (denied) return replies.unauthorized(denied);
  if (api.format === 'xml') return replies.notAcceptable();
  if (!route) return replies.notFound();
  const contentType = headerOf(headers, 'content-type') ?? '';
  const parsed = method === 'POST' || method === 'PUT' ? parseBody(body, contentType) : {};
  if (parsed === undefined)
    return replies.unprocessable({
      base: [
        contentType.toLowerCase().startsWith('multipart/')
          ? 'The multipart body does not follow its boundary'
          : 'The request body is not valid JSON',
      ],
    });
  const reply = route.handler({
    store: engine.store,
    params: route.params,
    query: url.searchParams,
    body: parsed,
    baseUrl: engine.baseUrl(),
    now: engine.now(),
    semantics: engine.semantics,
  });
  return engine.offsetCalls ? varyOffsets(engine.offsetCalls, `${method} ${url.pathname}${url.search}`, reply) : reply;
}

/**
 * A 304 in place of a 200 whose ETag the request already holds, unless the server never answers
 * 304 (`conditional: false`).
 * @example
 * conditional(reply, '"abc"').status; // 304 when reply.headers.ETag is '"abc"'
 */
export function conditional(
  reply: replies.Reply,
  ifNoneMatch: string | string[] | undefined,
  enabled = true,
): replies.Reply {
  return enabled && reply.status === 200 && ifNoneMatch !== undefined && ifNoneMatch === reply.headers.ETag
    ? replies.notModified(reply.headers.ETag)
    : reply;
}

/** An answer of the in-memory handler. */
export interface HandledReply {
  status: number;
  headers: Record<string, string>;
  /** Text (JSON, HTML) or, for a download, the file's bytes. */
  body: string | Uint8Array;
}

/** The local server without sockets: see `createHandler`. */
export interface InMemoryServer {
  /**
   * Answers one request as the HTTP server would (credentials, routes, replies, 304s), at once.
   * `url` is absolute or a path (`/v1/...`); header names in any case; the body as text or bytes.
   */
  handle(method: string, url: string, headers?: Record<string, string>, body?: string | Uint8Array): HandledReply;
  /** The served data (writes change it in place). */
  data: Dataset;
}

/**
 * The local Assembla server as a plain function: the same credential check, routes and replies as
 * `startServer`, with no latency, faults or sockets. Marble tests answer the SDK's `http` calls with it.
 * @example
 * const server = createHandler({ data: { tickets: 5 } });
 * server.handle('GET', '/v1/user.json', { 'X-Api-Key': 'local-key', 'X-Api-Secret': 'local-secret' }).status; // 200
 */
export function createHandler(options: HandlerOptions & { baseUrl?: string } = {}): InMemoryServer {
  const baseUrl = (options.baseUrl ?? 'http://assembla.local').replace(/\/+$/, '');
  const engine = createEngine(options, () => baseUrl);
  return {
    data: engine.store.data,
    handle(method, url, headers = {}, body = '') {
      const parsed = new URL(url, baseUrl);
      const lower: IncomingHttpHeaders = {};
      for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
      const reply = conditional(
        respond(engine, method, parsed, lower, body, resolve(method, parsed.pathname)),
        lower['if-none-match'],
        engine.conditional,
      );
      return { status: reply.status, headers: { ...replies.CORS_HEADERS, ...reply.headers }, body: reply.body };
    },
  };
}

function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isDataset(data: HandlerOptions['data']): data is Dataset {
  return data !== undefined && Array.isArray((data as Partial<Dataset>).spaces);
}

function checkHandlerOptions(options: HandlerOptions): void {
  const { now = Date.now, activity = {}, downloads = 'direct', wikiByName = true } = options;
  const { conditional = true, offsets = 'stored' } = options;
  if (typeof now !== 'function')
    throw new ServerOptionsError(`now must be a function returning epoch ms, got a ${typeof now}`);
  if (activity.order !== undefined && !['newest-first', 'oldest-first'].includes(activity.order))
    throw new ServerOptionsError(
      `activity.order must be 'newest-first' or 'oldest-first', got ${String(activity.order)}`,
    );
  if (activity.from !== undefined && !['inclusive', 'exclusive'].includes(activity.from))
    throw new ServerOptionsError(`activity.from must be 'inclusive' or 'exclusive', got ${String(activity.from)}`);
  if (activity.zone !== undefined && zoneOffset(activity.zone) === undefined)
    throw new ServerOptionsError(
      `activity.zone must be 'UTC' or an offset like '+05:30', got ${String(activity.zone)}`,
    );
  if (downloads !== 'direct' && downloads !== 'redirect')
    throw new ServerOptionsError(`downloads must be 'direct' or 'redirect', got ${String(downloads)}`);
  if (typeof wikiByName !== 'boolean')
    throw new ServerOptionsError(`wikiByName must be a boolean, got ${typeof wikiByName}`);
  if (typeof conditional !== 'boolean')
    throw new ServerOptionsError(`conditional must be a boolean, got ${typeof conditional}`);
  if (offsets !== 'stored' && offsets !== 'varying')
    throw new ServerOptionsError(`offsets must be 'stored' or 'varying', got ${String(offsets)}`);
}
