import { Observable, SchedulerLike, asyncScheduler, catchError, map, throwError, timeout } from 'rxjs';
import { ajax, AjaxError, AjaxResponse } from 'rxjs/ajax';
import {
  AssemblaError,
  AuthError,
  HttpError,
  NetworkError,
  NotFoundError,
  ParseError,
  RateLimitError,
  TimeoutError,
  redact,
} from '../core/errors';
import { CREDENTIAL_HEADERS } from './credentials';
import { DEFAULT_DOWNLOAD_TIMEOUT_MS } from './http-options';
import { parseRetryAfter } from './retry-after';
import { secretsOf } from './secrets';
import type { AgentLike, BytesFetch, Call, Handler, Reply, XHRLike } from './types';
import { networkFailure, refusedRedirect } from './xhr';

export interface HttpOptions {
  /** Headers for each attempt (the credentials among them); never copied into an error or event. */
  readonly headers: () => Readonly<Record<string, string>>;
  readonly createXHR: () => XHRLike;
  /** Sent with each attempt; the credential headers win over them. */
  readonly extraHeaders?: Readonly<Record<string, string>>;
  /** Node only: handed to xhr2 (`nodejsSet`) for each attempt; a browser's XHR has no such thing. */
  readonly agent?: AgentLike;
  /** Per-attempt timeout in ms; 0 = none. */
  readonly timeoutMs: number;
  /** Per-attempt timeout of a download (`responseType: 'arraybuffer'`), redirects included; 0 = none. */
  readonly downloadTimeoutMs?: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * The innermost stage: one HTTP attempt with rxjs/ajax, our own JSON parsing and typed errors; or,
 * for a download (`responseType: 'arraybuffer'`), the bytes as they came, redirects followed
 * without credentials. Unsubscribing aborts the XHR.
 */
export function http(options: HttpOptions): Handler {
  const scheduler = options.scheduler ?? asyncScheduler;
  const userAgent = userAgentOf(options.extraHeaders);
  const send = (
    url: string,
    method: string,
    headers: Record<string, string>,
    responseType: 'text' | 'arraybuffer',
    body?: unknown,
  ) =>
    ajax<unknown>({
      url,
      method,
      headers,
      body,
      responseType,
      // Without this rxjs adds X-Requested-With, which makes every browser call a CORS preflight.
      crossDomain: true,
      // rxjs types it as the DOM's XMLHttpRequest; it uses only what XHRLike has.
      createXHR: forNode(options.createXHR, agentFor(options.agent, url), userAgent) as () => XMLHttpRequest,
    });
  return (call: Call): Observable<Reply> => {
    const credentials = options.headers();
    const download = call.responseType === 'arraybuffer';
    const request$ = download
      ? (call.fetchBytes as BytesFetch)(call, credentials, options.extraHeaders, (url, headers) =>
          send(url, 'GET', headers, 'arraybuffer'),
        )
      : send(
          call.url,
          call.method,
          attemptHeaders(options.extraHeaders, { ...JSON_ACCEPT, ...call.headers }, credentials),
          'text',
          call.body,
        ).pipe(
          map((response) => toReply(call, response as AjaxResponse<string>, credentials)),
          catchError((error: unknown) => throwError(() => toError(call, error, credentials))),
        );
    const ms = download ? (options.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS) : options.timeoutMs;
    if (!ms) return request$;
    return request$.pipe(timeout({ first: ms, scheduler, with: () => throwError(() => new TimeoutError(call, ms)) }));
  };
}

const JSON_ACCEPT = { Accept: 'application/json' };

/**
 * An attempt's headers: the extra ones, then `Accept` and the credentials, which replace an extra
 * header of the same name in any case (http-options.ts refuses such names; this holds whatever comes).
 */
export function attemptHeaders(
  extra: Readonly<Record<string, string>> = {},
  accept: Readonly<Record<string, string>>,
  credentials: Readonly<Record<string, string>>,
): Record<string, string> {
  const own: Record<string, string> = { ...accept, ...credentials };
  const taken = new Set([...Object.keys(own).map((name) => name.toLowerCase()), ...CREDENTIAL_HEADERS]);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(extra)) if (!taken.has(name.toLowerCase())) headers[name] = value;
  return Object.assign(headers, own);
}

type NodeXHR = XHRLike & {
  nodejsSet?: (options: { httpAgent: unknown; httpsAgent: unknown }) => void;
  _userAgent?: string;
};

/**
 * The XHR factory, with what only Node's XHR (xhr2) takes set on each new XHR: the agent, and the
 * User-Agent, which xhr2 would otherwise send next to ours. A browser's XHR is left as it is.
 */
function forNode(create: () => XHRLike, agent: AgentLike | undefined, userAgent: string | undefined): () => XHRLike {
  if (!agent && userAgent === undefined) return create;
  return () => {
    const xhr = create() as NodeXHR;
    if (typeof xhr.nodejsSet !== 'function') return xhr;
    if (agent) xhr.nodejsSet({ httpAgent: agent, httpsAgent: agent });
    if (userAgent !== undefined) xhr._userAgent = userAgent;
    return xhr;
  };
}

/**
 * The agent for a URL: one agent serves both schemes (requests go to baseUrl, whose scheme
 * http-options.ts checked), except a plain http.Agent or https.Agent for a download's redirect to
 * the other scheme, which gets Node's default agent.
 */
function agentFor(agent: AgentLike | undefined, url: string): AgentLike | undefined {
  const own = agent as { protocol?: unknown } | undefined;
  if (!own || !Object.prototype.hasOwnProperty.call(own, 'protocol')) return agent;
  return own.protocol === new URL(url).protocol ? agent : undefined;
}

function userAgentOf(headers: Readonly<Record<string, string>> = {}): string | undefined {
  const name = Object.keys(headers).find((k) => k.toLowerCase() === 'user-agent');
  return name === undefined ? undefined : headers[name];
}

function toReply(call: Call, response: AjaxResponse<string>, credentials: Readonly<Record<string, string>>): Reply {
  const body = typeof response.response === 'string' ? response.response : '';
  const { status, responseHeaders: headers } = response;
  // A 304 answers only a conditional GET (its own If-None-Match): what its caller holds is current.
  const current = status === 304 && !!call.headers?.['If-None-Match'];
  // A browser follows redirects itself; any other 3xx that still reaches us is not an answer to use.
  if (status >= 300 && status < 400 && !current) throw redirectRefused(call, status);
  // Only a 204 (or an empty answer to a write) is "no content"; a GET must bring a body.
  if (current || status === 204 || (body === '' && call.method !== 'GET')) {
    return { status, headers, json: undefined, url: call.url };
  }
  // JSON.parse's message quotes the start of the body, which may echo a credential too.
  const fail = (reason: string) => {
    const secrets = secretsOf(credentials);
    return new ParseError(call, response.status, redact(body, secrets), redact(reason, secrets));
  };
  if (body.trim() === '') throw fail('empty body where JSON was expected');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    throw fail((e as Error).message);
  }
  // Decoding, freezing and error messages walk the value recursively: refuse what would overflow the stack.
  if (nestedDeeperThan(json, MAX_DEPTH)) throw fail(`nested more than ${MAX_DEPTH} levels deep`);
  return { status: response.status, headers, json, url: call.url };
}

/** Far deeper than any Assembla answer (a list of entities with nested objects is 4 levels). */
const MAX_DEPTH = 64;

/** Whether arrays and objects nest more than `max` levels; recursion stops at `max`, so it cannot overflow. */
function nestedDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (max === 0) return true;
  // Only objects are visited (most values are primitives): ~40 µs for a page of 100 tickets.
  const deeper = (v: unknown) => typeof v === 'object' && v !== null && nestedDeeperThan(v, max - 1);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (deeper(value[i])) return true;
  } else {
    for (const key in value) if (deeper((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function redirectRefused(call: Call, status: number): HttpError {
  return new HttpError(
    status,
    call,
    '',
    `${call.method} ${call.url} answered with a redirect (HTTP ${status}),` +
      ' which is refused so that credentials never go to another address',
  );
}

export function toError(
  call: Call,
  error: unknown,
  credentials: Readonly<Record<string, string>>,
  withBody = true,
): AssemblaError {
  if (error instanceof AssemblaError) return error;
  if (error instanceof AjaxError) {
    const redirect = refusedRedirect(error.xhr);
    if (redirect) return redirectRefused(call, redirect.status);
    const status = error.status;
    const body = withBody ? redact(bodyText(error.response), secretsOf(credentials)) : '';
    // Below 400 on the error path: no answer (0), or one cut off after its headers.
    if (status < 400) {
      if (status) return new NetworkError(call, `the connection dropped in the middle of a ${status} answer`);
      const failure = networkFailure(error.xhr);
      return new NetworkError(call, failure?.detail, failure?.code);
    }
    if (status === 401 || status === 403) return new AuthError(status, call, body);
    if (status === 404)
      return new NotFoundError(
        `${call.method} ${call.url} answered 404: no such object, or not visible to these credentials`,
        call,
      );
    if (status === 429)
      return new RateLimitError(call, body, parseRetryAfter(error.xhr.getResponseHeader('Retry-After'), Date.now()));
    return new HttpError(status, call, body);
  }
  // A bug of ours or of a library: keep the message, drop the object (it may hold an XHR).
  return new NetworkError(call, redact(error instanceof Error ? error.message : String(error), secretsOf(credentials)));
}

/**
 * An `arraybuffer` response as bytes (none for an empty body). Checked by shape: an ArrayBuffer
 * from another realm (a test environment's XHR) is not `instanceof` this one's.
 */
export function bytesOf(response: unknown): Uint8Array {
  const buffer = response as ArrayBuffer | null;
  return typeof buffer?.byteLength === 'number' ? new Uint8Array(buffer) : new Uint8Array();
}

/** An error answer's body as text: a download's comes as bytes. */
function bodyText(response: unknown): string {
  if (typeof response === 'string') return response;
  if (response) return new TextDecoder().decode(bytesOf(response).subarray(0, 4096));
  return '';
}
