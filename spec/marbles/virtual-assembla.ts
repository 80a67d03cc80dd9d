// A virtual Assembla for marble tests: the local server's in-memory handler (lib/testing's
// createHandler: the same routes and replies as the HTTP server) answering the API's `http` calls
// after `latency` frames, so operators can be checked in virtual time without sockets.
import type { Observable } from 'rxjs';
import { API, APIOptions, AuthError, Call, HttpError, NetworkError, NotFoundError, Reply } from '../../lib';
import { createHandler, DEFAULT_CREDENTIALS, type Dataset, type HandlerOptions } from '../../lib/testing';

/** What the virtual server needs of an rxjs-marbles context. */
interface Marbles {
  cold<T>(marbles: string, values?: Record<string, T>, error?: unknown): Observable<T>;
}

export interface Virtual {
  readonly api: API;
  readonly data: Dataset;
  readonly big: Dataset['spaces'][number];
  /** `METHOD path?query` of every call, in order. */
  readonly calls: string[];
  /** The server's own answer to a GET of an API path (after `/v1`), outside virtual time, uncounted. */
  readonly truth: (path: string) => { status: number; json: unknown };
  /**
   * A change made on the server by someone else (another client), outside virtual time, uncounted:
   * e.g. `change('PUT', '/spaces/x/tickets/3', { ticket: { status: 'Fixed' } })`.
   */
  readonly change: (method: string, path: string, body?: unknown) => { status: number; json: unknown };
}

// The API under test has its own (fake) credentials; the virtual server is always called with its own.
const AUTH = { 'X-Api-Key': DEFAULT_CREDENTIALS.key, 'X-Api-Secret': DEFAULT_CREDENTIALS.secret };

/** An API whose HTTP stage is the virtual Assembla (pages of `perPage`). */
export function virtualAssembla(
  m: Marbles,
  options: {
    /** Frames until an answer arrives (the server answers as it stands when the call is sent); default 2. */
    latency?: number | ((call: Call) => number);
    perPage?: number;
    tickets?: number;
    server?: HandlerOptions;
    /** Calls whose answer is lost after the server applied them (a dropped connection). */
    lose?: (call: Call) => boolean;
    /** A status to answer a call with instead of the server's (a 503, a 401), unapplied; undefined: as the server. */
    fault?: (call: Call) => number | undefined;
  } & Partial<APIOptions> = {},
): Virtual {
  const server = createHandler({
    data: { tickets: options.tickets ?? 5, otherSpaces: 1, ticketsPerOtherSpace: 0 },
    baseUrl: 'https://virtual.test',
    ...options.server,
  });
  const calls: string[] = [];
  const http = (call: Call): Observable<Reply> => {
    const { latency = 2 } = options;
    const frames = '-'.repeat(typeof latency === 'function' ? latency(call) : latency);
    const url = new URL(call.url);
    calls.push(`${call.method} ${url.pathname.replace(/^\/v1/, '')}${url.search}`);
    const body = call.body === undefined ? '' : JSON.stringify(call.body);
    // A conditional GET's ETag goes along, so the server answers 304 when it still matches.
    const conditional = call.headers?.['If-None-Match'];
    const headers = {
      ...AUTH,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...(conditional ? { 'If-None-Match': conditional } : {}),
    };
    const faulty = options.fault?.(call);
    const answer = faulty
      ? { status: faulty, body: '', headers: {} }
      : server.handle(call.method, call.url, headers, body);
    const text = typeof answer.body === 'string' ? answer.body : '';
    if (options.lose?.(call)) return m.cold(`${frames}#`, {}, new NetworkError(call));
    if (answer.status === 404)
      return m.cold(`${frames}#`, {}, new NotFoundError(`${call.method} ${call.url} answered 404`, call));
    if (answer.status === 401 || answer.status === 403)
      return m.cold(`${frames}#`, {}, new AuthError(answer.status, call, text));
    if (answer.status >= 400) return m.cold(`${frames}#`, {}, new HttpError(answer.status, call, text));
    const json = text === '' ? undefined : (JSON.parse(text) as unknown);
    return m.cold(`${frames}(r|)`, { r: { status: answer.status, headers: answer.headers, json, url: call.url } });
  };
  // The server's own settings stay here: an unknown key is a ConfigError for the API.
  const { latency: _latency, tickets: _tickets, server: _server, lose: _lose, fault: _fault, ...apiOptions } = options;
  const api = new API({
    auth: { token: 't' },
    baseUrl: 'https://virtual.test',
    perPage: options.perPage ?? 2,
    http,
    ...apiOptions,
  });
  const change = (method: string, path: string, body?: unknown): { status: number; json: unknown } => {
    const sent = body === undefined ? '' : JSON.stringify(body);
    const headers = sent ? { ...AUTH, 'Content-Type': 'application/json' } : AUTH;
    const answer = server.handle(method, `https://virtual.test/v1${path}`, headers, sent);
    const text = typeof answer.body === 'string' ? answer.body : '';
    return { status: answer.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
  };
  const truth = (path: string): { status: number; json: unknown } => change('GET', path);
  return { api, data: server.data, big: server.data.spaces[0], calls, truth, change };
}
