// A live query (`{ live: true | { every } }` on a read): the answer now, then again each time it
// changes. It joins its space's poller, which keeps the space's cache true (the change log, or
// conditional re-reads), and re-evaluates its read, from the cache, after each poll and after each
// change made to the cache outside polls (writes, optimistic patches). Reached only through
// lib/engine/live-hook.ts: a page that never goes live does not load this module (spec/package.spec.ts).
import { Observable, Subscription, auditTime, filter, merge } from 'rxjs';
import type { EntryCommand, QueryCacheCommand } from '../cache/query-cache';
import { FilterError, kindOf } from '../core/errors';
import { MAX_TIMER_MS } from '../core/timer';
import { Scope, cacheOf, listTags } from '../engine/scope';
import type { AnyRow } from '../resources/row';
import { LiveOptions, LiveQuery, registerLive } from '../engine/live-hook';
import { reportedByChangeLog } from './change-log';
import { joinPoller, reportFailedPoll } from './poller';
import { isTransient } from '../transport/retry';
import { revalidator } from './revalidate';
import { shared } from './sharing';

/** How often `{ live: true }` polls: every 30 s. */
export const DEFAULT_EVERY = 30_000;

/**
 * The poll interval `live` asks for, in ms: `true` is `DEFAULT_EVERY`; `{ every }` must be a
 * positive number a timer can hold. A `FilterError` otherwise, whose message begins with `what`.
 *
 * @example everyOf({ every: 60_000 }) === 60_000
 */
export function everyOf(live: LiveOptions['live'], what = '{ live } must be true or { every: ms }, every'): number {
  const every: unknown =
    live === true ? DEFAULT_EVERY : typeof live === 'object' && live !== null ? live.every : undefined;
  if (typeof every === 'number' && every > 0 && every <= MAX_TIMER_MS) return every;
  throw new FilterError(
    `${what} a positive number of milliseconds up to ${MAX_TIMER_MS}` +
      ` (got ${typeof every === 'number' ? String(every) : kindOf(typeof live === 'object' ? every : live)})`,
  );
}

/**
 * `read`, kept running: emits its answer now (once it has one), then each time a poll of the space
 * or a change to the space's cache changes it, judged on decoded values; never the same answer twice
 * in a row, and every entity equal to one already emitted is that same object (`shared`). Changes
 * sent together (a poll's or a write's patches) are re-evaluated once. A permanent error (from the
 * poller, or from `read`: a 401, its entity gone) ends it; a passing one on a re-read after the
 * first answer is a `poll` event on `requests$`, and the next poll reads again. Unsubscribing leaves
 * the poller.
 *
 * @example liveQuery(ticketsRow, scope, (o) => listOf(ticketsRow, scope, undefined, o, 'tickets'), { live: true })
 */
export const liveQuery: LiveQuery = <T, O extends LiveOptions>(
  row: AnyRow,
  scope: Scope,
  read: (options: O) => Observable<T>,
  options: O,
): Observable<T> =>
  new Observable<T>((subscriber) => {
    const every = everyOf(options.live);
    const cache = cacheOf(scope);
    // The kinds the change log reports rely on it; the others are revalidated on every poll.
    const changeLog = reportedByChangeLog(row);
    const poll$ = joinPoller(scope, { every, revalidate: revalidator(row, scope, options), changeLog });
    const key = (item: object): unknown => (item as Record<string, unknown>)[row.identity];
    let last: { value: T } | undefined;
    let current: Subscription | undefined;
    let busy = false;
    let again = false;
    let failures = 0;
    // Re-evaluations answer from what the poller keeps fresh: `maxAge` counts at subscription only.
    const later = { ...options, maxAge: Infinity };
    const evaluate = (asked: O): void => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      current = read(asked).subscribe({
        next: (value) => {
          const answer = last ? shared(last.value, value, key) : value;
          if (last?.value === answer) return;
          last = { value: answer };
          subscriber.next(answer);
        },
        error: (e: unknown) => {
          // After its first answer a live query outlasts what a poll outlasts: a re-read that failed
          // for a passing reason (its retries spent) leaves the last answer standing, says so on
          // `requests$`, and is tried again after the next poll. Anything else (a 401, its entity
          // gone: a 404), or a failure of the first answer, ends it.
          if (!last || !isTransient(e)) return subscriber.error(e);
          reportFailedPoll(scope.client, e, { attempt: ++failures, spaceId: scope.spaceId, delayMs: every, path: '' });
          done();
        },
        complete: () => {
          failures = 0;
          done();
        },
      });
    };
    const done = (): void => {
      busy = false;
      if (!again) return;
      again = false;
      evaluate(later);
    };
    const tags = listTags(row, scope);
    const own = `${row.name}:`;
    const touches = (command: QueryCacheCommand): boolean =>
      typeof command === 'string' ||
      (command.type !== 'tag' && (command as EntryCommand).tags.some((t) => tags.includes(t) || t.startsWith(own)));
    // With the cache off nothing is patched: a poll that saw changes (any poll, for a kind the change
    // log does not report) means reading again from the server.
    const polled$ = poll$.pipe(filter((poll) => cache.active || !changeLog || poll.changes.length > 0));
    const triggers = merge(polled$, cache.commands$.pipe(filter(touches)))
      .pipe(auditTime(0, scope.client.transport.scheduler))
      .subscribe({ next: () => evaluate(later), error: (e: unknown) => subscriber.error(e) });
    evaluate(options);
    return () => {
      triggers.unsubscribe();
      current?.unsubscribe();
    };
  });

/** Whether a read's failure may pass (the transport retried it as long as it would; a GET's rules). */

registerLive(liveQuery);

/**
 * Turns live queries on in a bundled page (under Node they always are). A bundler leaves lib/live
 * out of a page that does not call this, so a page that never goes live does not carry it; without
 * it a `{ live }` query errors with a `ConfigError` that says so.
 *
 * @example
 * import { API, liveQueries, tickets } from 'assembla-rx';
 * liveQueries();
 * space$.pipe(tickets(undefined, { live: true })).subscribe(render);
 */
export function liveQueries(): void {
  registerLive(liveQuery);
}
