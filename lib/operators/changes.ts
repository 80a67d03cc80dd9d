import { OperatorFunction, concatMap, defer } from 'rxjs';
import type { Space } from '../engine/entities';
import { scoped } from '../engine/operators';
import type { Change } from '../live/change';
import { everyOf } from '../live/live-query';
import { joinPoller } from '../live/poller';
import { spaces as row } from '../resources/spaces';

/** How often `changes()` polls. */
export interface ChangesOptions {
  /** Milliseconds between polls (default 30 s); a space's live queries and feeds share the shortest. */
  readonly every?: number;
}

/**
 * The changes to the tickets, comments, milestones, wiki pages and documents of each upstream space,
 * one `Change` at a time as the space's activity stream reports them, each once, oldest first. It
 * never completes: it polls (one `GET /activity` when nothing happened, shared with the space's live
 * queries) until unsubscribed, and keeps the space's cache up to date as it goes. The first poll also
 * reports the changes of the five minutes before the subscription. Errors while polling do not end
 * it (it backs off, and says so on `requests$`); a 401, or the space gone, does.
 *
 * @example
 * space$.pipe(changes({ every: 30_000 }))
 *   .subscribe((c) => console.log(c.at, c.by.name, c.operation, c.kind, c.number ?? c.id));
 */
export function changes(options: ChangesOptions = {}): OperatorFunction<Space, Change> {
  return scoped({ name: 'changes', from: ['space'], endless: true }, row, (scope) =>
    defer(() => {
      // Checked as a live query's `every` is (a FilterError through the Observable).
      const every = everyOf(options.every === undefined ? true : { every: options.every }, 'changes(): every must be');
      return joinPoller(scope, { every, changeLog: true }).pipe(concatMap((result) => result.changes));
    }),
  );
}
