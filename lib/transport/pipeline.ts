import { Observable, SchedulerLike, Subject, asyncScheduler, defer } from 'rxjs';
import { fn, isFunction, Unchecked } from '../core/validate';
import type { Credentials } from './credentials';
import { http } from './http';
import type { ResolvedHttpOptions } from './http-options';
import { concurrencyGate } from './concurrency';
import { dedupeGets } from './dedupe';
import { reportAttempts } from './events';
import { rateLimitGate, rateLimitHoldMs } from './rate-limit';
import { RetryOptions, retryPolicy } from './retry';
import { refreshExpiredTokens } from './token-refresh';
import type { Handler, Reply, Request, RequestEvent, Stage, XHRLike } from './types';
import { buildUrl } from './url';

/** The pipeline's own slice of `APIOptions`: what every stage shares. */
export interface PipelineOptions {
  /** Scheduler for back-off, timeouts and rate-limit waits (virtual time in tests). */
  readonly scheduler?: SchedulerLike;
  /**
   * Replaces the HTTP attempt, the innermost stage of the request pipeline: it gets each call
   * (method, full URL, attempt, `responseType`) and returns its reply (`bytes` for a download).
   * For tests in virtual time and custom transports.
   */
  readonly http?: Handler;
}

/**
 * Checks `scheduler` and `http`: functions are checked now rather than failing at first use.
 *
 * @example checkPipelineOptions({ scheduler: asyncScheduler })
 */
export function checkPipelineOptions(options: Unchecked<PipelineOptions>): void {
  fn(
    'scheduler',
    options.scheduler,
    isScheduler,
    'a SchedulerLike (with now() and schedule()), such as asyncScheduler',
  );
  fn('http', options.http, isFunction, 'a function (call) => Observable<Reply>');
}

function isScheduler(v: unknown): boolean {
  const s = v as Partial<SchedulerLike> | null;
  return typeof s === 'object' && s !== null && typeof s.now === 'function' && typeof s.schedule === 'function';
}

/** Everything the pipeline's stages take, checked (`resolveOptions`). */
export interface TransportOptions extends Partial<ResolvedHttpOptions> {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** `false` sends every call once. */
  readonly retry: RetryOptions | false;
  readonly createXHR: () => XHRLike;
  readonly scheduler?: SchedulerLike;
  /** Replaces the HTTP stage (marble tests put a virtual server here). */
  readonly handler?: Handler;
}

/**
 * The shared request stream of one API: every call passes the same stages, in this order —
 * de-duplication of identical GETs in flight → (a fresh token after a 401, for a token source) →
 * retry policy → concurrency gate → rate-limit gate → attempt events → one HTTP attempt. Each call
 * is its own cold Observable, so one call's failure reaches that call alone; the stages' shared
 * state (queue, limits, in-flight map) is what makes it one stream.
 */
export class Transport {
  private readonly events = new Subject<RequestEvent>();
  /** Every attempt's events; never holds a credential. */
  readonly events$: Observable<RequestEvent> = this.events.asObservable();
  private readonly handle: Handler;
  /** Emits an event on `events$`: every stage's, and those no single call makes (a failed poll of live queries). */
  readonly report = (event: RequestEvent): void => this.events.next(event);

  /** The API's scheduler (`asyncScheduler` unless the options gave one): back-off, timeouts and polling run on it. */
  readonly scheduler: SchedulerLike;

  constructor(private readonly options: TransportOptions) {
    const scheduler = (this.scheduler = options.scheduler ?? asyncScheduler);
    const emit = this.report;
    const { tokens } = options.credentials;
    const stages: Stage[] = [
      dedupeGets(emit),
      ...(tokens ? [refreshExpiredTokens(tokens)] : []),
      ...(options.retry === false ? [] : [retryPolicy(options.retry, emit, scheduler)]),
      concurrencyGate(options.concurrency),
      rateLimitGate(rateLimitHoldMs(options.retry), scheduler),
      reportAttempts(emit, scheduler),
    ];
    const inner =
      options.handler ??
      http({
        headers: options.credentials.headers,
        createXHR: options.createXHR,
        extraHeaders: options.headers,
        agent: options.agent,
        timeoutMs: options.timeoutMs,
        downloadTimeoutMs: options.downloadTimeoutMs,
        scheduler,
      });
    this.handle = stages.reduceRight<Handler>((next, stage) => stage(next), inner);
  }

  /** The cold reply to one call: nothing is sent before subscription; unsubscribing aborts. */
  request(request: Request): Observable<Reply> {
    return defer(() =>
      this.handle({ ...request, url: buildUrl(this.options.baseUrl, request.path, request.params), attempt: 1 }),
    );
  }
}
