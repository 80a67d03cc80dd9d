import type { OperatorFunction } from 'rxjs';
import type { ActivityEvent } from '../codecs';
import { ActivityWindow, readActivity } from '../engine/activity';
import { scoped } from '../engine/operators';
import type { Space } from '../engine/entities';
import { activityEvents as row } from '../resources/activity';

/**
 * The activity of each upstream space in the window (`since` inclusive, `until` exclusive; the
 * default is all the API keeps: the last 60 days), as one array, oldest first, each event once,
 * `date` a `Date`. A `since` older than 60 days (by the API's scheduler) is a `FilterError`. Not
 * cached: each subscription reads the stream again. Costs one request per 50 events, read newest
 * first and stopping at the first event older than `since` (see `API.activity`).
 *
 * @example
 * space$.pipe(activity({ since: new Date(Date.now() - 86_400_000) }))
 *   .subscribe((events) => events.forEach((e) => console.log(e.date, e.operation, e.title)));
 */
export function activity(window?: ActivityWindow): OperatorFunction<Space, ActivityEvent[]> {
  return scoped('activity', row, (scope) => readActivity(row, scope, window, 'activity'));
}
