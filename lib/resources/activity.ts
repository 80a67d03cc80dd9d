import { ActivityEvent } from '../codecs/activity-event';
import { ResourceRow, defineResource } from './row';

/**
 * The activity stream (digest §15): `GET /activity`, for every space the caller sees or, with
 * `space_id`, one space; paged by 50 as documented. Events have no id, and the API leaves the order
 * and the zone and inclusiveness of `from`/`to` undocumented: the reading (window, order,
 * de-duplication, oldest first) is lib/engine/activity.ts.
 */
export const activityEvents: ResourceRow<ActivityEvent> = defineResource<ActivityEvent>({
  name: 'event',
  tag: 'events',
  codec: ActivityEvent,
  from: {
    api: { path: '/activity' },
    space: { path: '/activity', params: { space_id: '{space}' } },
  },
  key: eventKey,
  paged: true,
  perPage: 50,
  // No event id exists; the object's id names what an event is about (events are never parents).
  identity: 'object_id',
});

/**
 * What tells two events apart (they have no id): the digest's key (§15), the date as an instant.
 *
 * @example eventKey(e) // '1723536000000|Ticket|201|created|u1|#201 Crash on save'
 */
export function eventKey(e: ActivityEvent): string {
  return [e.date.getTime(), e.object, e.object_id, e.operation, e.author_id ?? '', e.title].join('|');
}
