// Downloads: a document's bytes (digest §18), with redirects to file storage followed by hand and
// without credentials. Its own module, imported only by `download()`, so a page that downloads
// nothing carries none of it.
import { Observable, catchError, map, mergeMap, of, throwError } from 'rxjs';
import { AjaxError } from 'rxjs/ajax';
import { HttpError } from '../core/errors';
import { attemptHeaders, bytesOf, toError } from './http';
import type { Transport } from './pipeline';
import type { Call, RawResponse, Reply, Request } from './types';
import { RedirectRefused, refusedRedirect } from './xhr';

/**
 * The bytes of a file, e.g. a document's `/download`: a GET through every stage but the
 * de-duplication (two downloads of one file make two requests), with the `downloadTimeout`, no
 * JSON parsing and no cache. A redirect (to file storage) is followed without the credentials,
 * by the SDK under Node; a browser follows it itself, with the headers its rules keep.
 *
 * @example download(transport, { path: `/spaces/${space}/documents/${id}/download` })
 */
export function download(transport: Transport, request: Pick<Request, 'path' | 'params'>): Observable<Uint8Array> {
  return transport
    .request({ ...request, method: 'GET', responseType: 'arraybuffer', fetchBytes: downloadFrom })
    .pipe(map((reply) => reply.bytes ?? new Uint8Array()));
}

/** A file is whatever type it is; the recorded download answers `application/octet-stream`. */
const ANY_ACCEPT = { Accept: '*/*' };

/** Redirects a download follows at most (Assembla sends one, to its file storage). */
const MAX_REDIRECTS = 5;

/**
 * A download: GET with the credentials; a redirect (to file storage) is followed by hand, without
 * them — only `Accept` and the extra headers go to another address — and never from https to
 * http. Errors and the reply name the API's URL, never a redirect's (it may carry a signature). Exported for specs.
 */
export function downloadFrom(
  call: Call,
  credentials: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, string>> | undefined,
  send: (url: string, headers: Record<string, string>) => Observable<RawResponse>,
): Observable<Reply> {
  const hop = (url: string, redirects: number): Observable<Reply> =>
    send(url, attemptHeaders(extra, ANY_ACCEPT, redirects === 0 ? credentials : {})).pipe(
      map((response): Reply | RedirectRefused => {
        const status = response.status;
        if (status >= 300 && status < 400) return { status, location: response.responseHeaders['location']?.trim() };
        return {
          status,
          headers: response.responseHeaders,
          json: undefined,
          url: call.url,
          bytes: bytesOf(response.response),
        };
      }),
      catchError((error: unknown) => {
        const refused = error instanceof AjaxError ? refusedRedirect(error.xhr) : undefined;
        // A storage's error body may quote its signed URL: kept only from the API itself.
        return refused ? of(refused) : throwError(() => toError(call, error, credentials, redirects === 0));
      }),
      mergeMap((step) => ('url' in step ? of(step) : hop(redirectTarget(call, url, step, redirects), redirects + 1))),
    );
  return hop(call.url, 0);
}

/** Where a download's redirect leads: refused after MAX_REDIRECTS, without a Location, or from https to http. */
function redirectTarget(call: Call, from: string, redirect: RedirectRefused, redirects: number): string {
  const refuse = (why: string) =>
    new HttpError(redirect.status, call, '', `${call.method} ${call.url}: redirect (HTTP ${redirect.status}) ${why}`);
  if (redirects >= MAX_REDIRECTS) throw refuse(`not followed: more than ${MAX_REDIRECTS} redirects (a loop?)`);
  let target: URL;
  try {
    target = new URL(redirect.location ?? '', from);
  } catch {
    throw refuse('to a Location that is not a URL (not shown)');
  }
  if (!redirect.location) throw refuse('without a Location');
  if (target.protocol !== 'https:' && target.protocol !== 'http:') throw refuse(`to ${target.protocol} refused`);
  if (new URL(from).protocol === 'https:' && target.protocol === 'http:')
    throw refuse('from https to plain http refused: the file would travel unencrypted');
  return target.href;
}
