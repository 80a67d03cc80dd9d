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
} from '../errors';
import { parseRetryAfter } from './retry-after';
import type { Call, Handler, Reply } from './types';
import { refusedRedirect } from './xhr';

export interface HttpOptions {
  /** Headers for each attempt (the credentials among them); never copied into an error or event. */
  readonly headers: () => Readonly<Record<string, string>>;
  readonly createXHR: () => XMLHttpRequest;
  /** Per-attempt timeout in ms; 0 = none. */
  readonly timeoutMs: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * The innermost stage: one HTTP attempt with rxjs/ajax, our own JSON parsing and typed errors.
 * Unsubscribing aborts the XHR.
 */
export function http(options: HttpOptions): Handler {
  const scheduler = options.scheduler ?? asyncScheduler;
  return (call: Call): Observable<Reply> => {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers() };
    const request$ = ajax<string>({
      url: call.url,
      method: call.method,
      headers,
      body: call.body,
      responseType: 'text',
      // Without this rxjs adds X-Requested-With, which makes every browser call a CORS preflight.
      crossDomain: true,
      createXHR: options.createXHR,
    }).pipe(
      map((response) => toReply(call, response)),
      catchError((error: unknown) => throwError(() => toError(call, error))),
    );
    if (!options.timeoutMs) return request$;
    return request$.pipe(
      timeout({ first: options.timeoutMs, scheduler, with: () => throwError(() => new TimeoutError(call, options.timeoutMs)) }),
    );
  };
}

function toReply(call: Call, response: AjaxResponse<string>): Reply {
  const body = typeof response.response === 'string' ? response.response : '';
  const headers = response.responseHeaders;
  // A browser follows redirects itself; a 3xx that still reaches us is not an answer to use.
  if (response.status >= 300 && response.status < 400) throw redirectRefused(call, response.status);
  // Only a 204 (or an empty answer to a write) is "no content"; a GET must bring a body.
  if (response.status === 204 || (body === '' && call.method !== 'GET')) {
    return { status: response.status, headers, json: undefined, url: call.url };
  }
  if (body.trim() === '') throw new ParseError(call, response.status, body, 'empty body where JSON was expected');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    throw new ParseError(call, response.status, body, (e as Error).message);
  }
  return { status: response.status, headers, json, url: call.url };
}

function redirectRefused(call: Call, status: number): HttpError {
  return new HttpError(status, call, '', `${call.method} ${call.url} answered with a redirect (HTTP ${status}), which is refused so that credentials never go to another address`);
}

function toError(call: Call, error: unknown): AssemblaError {
  if (error instanceof AssemblaError) return error;
  if (error instanceof AjaxError) {
    const redirect = refusedRedirect(error.xhr);
    if (redirect) return redirectRefused(call, redirect.status);
    const status = error.status;
    const body = typeof error.response === 'string' ? error.response : '';
    // Below 400 on the error path: no answer (0), or one cut off after its headers.
    if (status < 400) return new NetworkError(call, status ? `the connection dropped in the middle of a ${status} answer` : undefined);
    if (status === 401 || status === 403) return new AuthError(status, call, body);
    if (status === 404) return new NotFoundError(`${call.method} ${call.url} answered 404: no such object, or not visible to these credentials`, call);
    if (status === 429) return new RateLimitError(call, body, parseRetryAfter(error.xhr.getResponseHeader('Retry-After'), Date.now()));
    return new HttpError(status, call, body);
  }
  // A bug of ours or of a library: keep the message, drop the object (it may hold an XHR).
  return new NetworkError(call, error instanceof Error ? error.message : String(error));
}
