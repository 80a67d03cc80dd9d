import { Observable, SchedulerLike, Subject, asyncScheduler, defer } from 'rxjs';
import type { Credentials } from '../options';
import { refreshExpiredTokens } from './auth';
import { dedupeGets } from './dedupe';
import { reportAttempts } from './events';
import { concurrencyGate } from './gate';
import { http } from './http';
import { rateLimitGate } from './rate-limit';
import { DEFAULT_RETRY, RetryOptions, retryPolicy } from './retry';
import type { AgentLike, Handler, Reply, Request, RequestEvent, Stage, XHRLike } from './types';
import { buildUrl } from './url';

export interface TransportOptions {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** `false` sends every call once. */
  readonly retry: RetryOptions | false;
  readonly createXHR: () => XHRLike;
  /** Extra headers for every attempt (never the credential headers). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Node's agent for every attempt. */
  readonly agent?: AgentLike;
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

  constructor(private readonly options: TransportOptions) {
    const scheduler = options.scheduler ?? asyncScheduler;
    const emit = (e: RequestEvent): void => this.events.next(e);
    const { tokens } = options.credentials;
    // The gate holds calls for as long as a retry would wait, also when retries are off.
    const maxHoldMs =
      (options.retry === false ? undefined : options.retry.maxRetryAfterMs) ?? DEFAULT_RETRY.maxRetryAfterMs;
    const stages: Stage[] = [
      dedupeGets(emit),
      ...(tokens ? [refreshExpiredTokens(tokens)] : []),
      ...(options.retry === false ? [] : [retryPolicy(options.retry, emit, scheduler)]),
      concurrencyGate(options.concurrency),
      rateLimitGate(maxHoldMs, scheduler),
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
