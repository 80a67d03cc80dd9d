import type { Observable } from 'rxjs';

/** The HTTP methods the SDK sends. */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One query parameter's value; an array repeats the key (`number[]=1&number[]=2`). */
export type ParamValue = string | number | boolean | ReadonlyArray<string | number>;

/** Query parameters as Assembla understands them (`report`, `page`, `per_page`, `number[]`...). */
export type Params = Readonly<Record<string, ParamValue | undefined>>;

/** One HTTP call as the SDK asks for it, before the pipeline's stages. */
export interface Request {
  readonly method: Method;
  /** Path below `/v1`, e.g. `/spaces/big-project/tickets`. */
  readonly path: string;
  readonly params?: Params;
  /** A plain object is sent as JSON; an `ArrayBuffer` exactly as it is (a multipart upload). */
  readonly body?: unknown;
  /**
   * Headers of this request only, e.g. a multipart body's `Content-Type`; the credentials win over
   * them. An `If-None-Match` (spelled so) makes a GET conditional: a 304 is then a reply with status
   * 304 and no `json` (nothing parsed: what the caller holds is current); to any other call a 304
   * is an error. A GET with headers of its own never joins an identical one in flight, nor is joined.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * `'arraybuffer'` for a file download: a GET whose reply brings `bytes` (no JSON), which is
   * never joined with another in flight, has its own timeout (`downloadTimeout`), and follows a
   * redirect without the credentials. Default `'json'`.
   */
  readonly responseType?: 'json' | 'arraybuffer';
  /** How a binary call's bytes are fetched (redirects and all): set by `download()`; every binary call has it. */
  readonly fetchBytes?: BytesFetch;
  /**
   * A GET that never joins an identical one in flight: the read-back after a write, which an answer
   * sent before the write must not give.
   */
  readonly fresh?: boolean;
}

/** A request on its way through the pipeline: its full URL and which attempt this is. */
export interface Call extends Request {
  /** Full URL with query string; never holds a credential. */
  readonly url: string;
  /** 1 for the first try, 2 for the first retry... */
  readonly attempt: number;
}

/**
 * What a successful call gives back; `json` is undefined for "no content" (204) and for a
 * download, whose body is `bytes` (a handler answering a download sets it; none means empty).
 */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly json: unknown;
  readonly url: string;
  /** The body of a download (`responseType: 'arraybuffer'`), exactly as it came. */
  readonly bytes?: Uint8Array;
}

/** Turns a call into its (cold) reply. */
export type Handler = (call: Call) => Observable<Reply>;

/** A stage of the pipeline wraps the handler that follows it (like an Octokit hook). */
export type Stage = (next: Handler) => Handler;

/** What every request event has: which call, and which attempt of it. */
interface RequestEventBase {
  readonly method: Method;
  /** Full URL with query string; never holds a credential. */
  readonly url: string;
  /** 1 for the first try, 2 for the first retry... */
  readonly attempt: number;
}

/** An attempt goes out. */
export interface RequestStartEvent extends RequestEventBase {
  readonly type: 'start';
}

/** An attempt is over: answered, failed, or abandoned (no subscriber waits for it any more). */
export interface RequestEndEvent extends RequestEventBase {
  readonly type: 'end';
  /** HTTP status (0 when no answer arrived). */
  readonly status: number;
  /** Milliseconds from `start` to `end`, on the API's scheduler. */
  readonly durationMs: number;
  /** The error's name and message, when the attempt failed. */
  readonly error?: string;
}

/** A failed attempt will be tried again after `delayMs`. */
export interface RequestRetryEvent extends RequestEventBase {
  readonly type: 'retry';
  /** How long the pipeline waits before the next attempt. */
  readonly delayMs: number;
  /** The failed attempt's error name and message. */
  readonly error: string;
}

/** A GET joined an identical one in flight, and sends no request of its own (never a download). */
export interface RequestDedupeEvent extends RequestEventBase {
  readonly type: 'dedupe';
}

/**
 * A live queries' poll failed (lib/live/poller.ts): the poller keeps its members and polls again
 * after `delayMs` (a bounded back-off). `url` is the request that failed, `attempt` counts the
 * polls that failed in a row.
 */
export interface RequestPollEvent extends RequestEventBase {
  readonly type: 'poll';
  /** The space whose poll failed; absent when one request served every live space. */
  readonly spaceId?: string;
  /** How long the poller waits before the next poll. */
  readonly delayMs: number;
  /** The failure's error name and message. */
  readonly error: string;
}

/**
 * What `assembla.requests$` emits: one `start` and one `end` per attempt, `retry` when a failed
 * attempt will be tried again, `dedupe` when a GET joined an identical one in flight, and `poll`
 * when a poll of live queries failed and backs off. A union
 * by `type`, so checking `type` tells which fields are there. No credential is ever part of an event.
 *
 * @example
 * assembla.requests$.subscribe((e) => {
 *   if (e.type === 'end') console.log(e.method, e.url, e.status, `${e.durationMs} ms`);
 * });
 */
export type RequestEvent =
  RequestStartEvent | RequestEndEvent | RequestRetryEvent | RequestDedupeEvent | RequestPollEvent;

/**
 * The part of an `XMLHttpRequest` that the SDK (through rxjs/ajax) uses, spelled out so that the
 * declarations need no DOM types under Node. A browser's `XMLHttpRequest` and xhr2's both fit.
 *
 * @example new API({ auth, createXHR: () => new XMLHttpRequest() })
 */
export interface XHRLike {
  readonly readyState: number;
  readonly status: number;
  readonly response: unknown;
  readonly responseText: string;
  responseType: string;
  timeout: number;
  withCredentials: boolean;
  readonly upload?: unknown;
  /** Starts a request (the SDK never passes `user` or `password`: credentials go in headers). */
  open(method: string, url: string, async?: boolean, user?: string | null, password?: string | null): void;
  /** Sets one request header. */
  setRequestHeader(name: string, value: string): void;
  /** Sends the request with its body, if any. */
  send(body?: unknown): void;
  /** Aborts the request (unsubscribing does this). */
  abort(): void;
  /** One response header, or null. */
  getResponseHeader(name: string): string | null;
  /** Every response header, as CRLF-separated `name: value` lines. */
  getAllResponseHeaders(): string;
  /** Listens for `load`, `error`, `timeout`, `abort` and progress events. */
  addEventListener(type: string, listener: (event: { readonly type: string }) => void): void;
}

/**
 * A Node `http.Agent` or `https.Agent` (or a proxy agent built on them), spelled out so that the
 * declarations need no Node types in a browser project.
 */
export interface AgentLike {
  /** Closes the agent's sockets (the SDK never calls it: the agent is yours). */
  destroy(): void;
}

/**
 * How a binary call is fetched: `send` makes one GET of a URL with these headers; the function
 * follows what it must (a download's redirects) and answers the call.
 */
export type BytesFetch = (
  call: Call,
  credentials: Readonly<Record<string, string>>,
  extraHeaders: Readonly<Record<string, string>> | undefined,
  send: (url: string, headers: Record<string, string>) => Observable<RawResponse>,
) => Observable<Reply>;

/**
 * What one GET of a binary call answers, as rxjs/ajax's AjaxResponse has it (our own type, so that
 * the declarations need no DOM types).
 */
export interface RawResponse {
  readonly status: number;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly response: unknown;
}
