// One poller per space (STUB: the interface live queries build on; the change-log driven poller
// replaces the body of `joinPoller`).
import { Observable, map, timer } from 'rxjs';
import type { Scope } from '../engine/scope';
import type { Change } from './change';

/** What a live query asks of its space's poller while it is subscribed. */
export interface PollMember {
  /** Milliseconds between polls this member wants; the poller runs at the shortest among its members. */
  readonly every: number;
  /**
   * Run on each poll, after the change log is applied: the conditional re-read of a list the change
   * log does not report (tags, statuses...), which patches the cache when the list changed.
   */
  readonly revalidate?: () => Observable<unknown>;
  /**
   * Whether the change log reports this member's kind (tickets, comments, milestones, wiki pages,
   * documents): then `revalidate` runs only while the space's stream is unavailable (403/404).
   */
  readonly changeLog?: boolean;
}

/** What one poll learned, emitted to every member once the cache holds it. */
export interface PollResult {
  /** When the poll ended, on the API's scheduler. */
  readonly at: number;
  /** The changes of the member's space that this poll saw, oldest first. */
  readonly changes: readonly Change[];
}

/**
 * Joins the poller of `scope`'s space for as long as the result is subscribed: it emits after each
 * poll. The first member starts the poller, the last one leaving stops it. Errors while polling do
 * not end it (it backs off); a permanent one (401, the space gone) errors every member.
 *
 * @example joinPoller(scope, { every: 30_000 }).subscribe(() => reevaluate())
 */
export function joinPoller(scope: Scope, member: PollMember): Observable<PollResult> {
  const { scheduler } = scope.client.transport;
  return timer(member.every, member.every, scheduler).pipe(map(() => ({ at: scheduler.now(), changes: [] })));
}
