import { Observable, finalize, share } from 'rxjs';
import type { Handler, RequestEvent, Stage } from './types';

/**
 * De-duplicates identical GETs in flight: a GET of a URL that is already being fetched joins that
 * fetch instead of sending another. The shared fetch is aborted only when its last subscriber
 * leaves; once it ends, the next GET of the URL fetches anew (caching is the caches' job). A
 * download is never joined: its bytes are not shared between callers, and it holds no JSON; nor is
 * a `fresh` GET (a write's read-back), whose answer must postdate the write, nor one with headers
 * of its own: a conditional GET (`If-None-Match`), whose answer may be a 304 only its caller can use.
 */
export function dedupeGets(emit: (e: RequestEvent) => void): Stage {
  const inFlight = new Map<string, Observable<unknown>>();
  return (next: Handler): Handler =>
    (call) => {
      if (call.method !== 'GET' || call.responseType === 'arraybuffer' || call.fresh || call.headers) return next(call);
      return new Observable((subscriber) => {
        let shared = inFlight.get(call.url);
        if (shared) {
          emit({ type: 'dedupe', method: call.method, url: call.url, attempt: call.attempt });
        } else {
          const fetch$: Observable<unknown> = next(call).pipe(
            finalize(() => {
              if (inFlight.get(call.url) === fetch$) inFlight.delete(call.url);
            }),
            share(),
          );
          inFlight.set(call.url, (shared = fetch$));
        }
        return (shared as ReturnType<Handler>).subscribe(subscriber);
      });
    };
}
