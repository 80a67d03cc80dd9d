import type { Observable } from 'rxjs';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type ParamValue = string | number | boolean | ReadonlyArray<string | number>;

/** Query parameters as Assembla understands them (`report`, `page`, `per_page`, `number[]`...). */
export type Params = Readonly<Record<string, ParamValue | undefined>>;

/** One HTTP call as the SDK asks for it, before the pipeline's stages. */
export interface Request {
  readonly method: Method;
  /** Path below `/v1`, e.g. `/spaces/big-project/tickets`. */
  readonly path: string;
  readonly params?: Params;
  readonly body?: unknown;
}

/** A request on its way through the pipeline: its full URL and which attempt this is. */
export interface Call extends Request {
  /** Full URL with query string; never holds a credential. */
  readonly url: string;
  /** 1 for the first try, 2 for the first retry... */
  readonly attempt: number;
}

/** What a successful call gives back; `json` is undefined for "no content" (204). */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly json: unknown;
  readonly url: string;
}

/** Turns a call into its (cold) reply. */
export type Handler = (call: Call) => Observable<Reply>;

/** A stage of the pipeline wraps the handler that follows it (like an Octokit hook). */
export type Stage = (next: Handler) => Handler;

/**
 * What `assembla.requests$` emits: one `start` and one `end` per attempt, `retry` when a failed
 * attempt will be tried again, and `dedupe` when a GET joined an identical one in flight.
 * No credential is ever part of an event.
 */
export interface RequestEvent {
  readonly type: 'start' | 'end' | 'retry' | 'dedupe';
  readonly method: Method;
  readonly url: string;
  readonly attempt: number;
  /** HTTP status on `end` (0 when no answer arrived). */
  readonly status?: number;
  /** Milliseconds from `start` to `end`. */
  readonly durationMs?: number;
  /** The error's name and message on a failed `end` or a `retry`. */
  readonly error?: string;
  /** On `retry`: how long the pipeline waits before the next attempt. */
  readonly delayMs?: number;
}
