// An event of the activity stream, as GET /activity answers it. Not recorded: the fields are the
// docs' (digest ../shared/assembla-api.md section 15, "Event"). Events have no id.
import { entity, EntityOf, optional } from './entity';
import { fieldType, Integer, INVALID, nullable, Str, Timestamp } from './primitives';

/**
 * `object_id`: "the id of the object (number or 22-char id, as string)" (section 15). Always a string
 * after decoding, so that de-duplicating on it cannot tell `17` from `"17"`.
 */
const ObjectId = fieldType<string, string>({
  name: 'ObjectId',
  kind: 'string',
  description: 'an object id (a string, or an integer)',
  is: (u): u is string => typeof u === 'string',
  parse: (u) => (typeof u === 'string' ? u : Number.isSafeInteger(u) ? String(u) : INVALID),
  encode: (a) => a,
});

const activityTicketFields = {
  id: Integer,
  number: Integer,
  summary: Str,
  /** `created`, `commented`, `fixed`, `reopened`, `test`, `updated`, `invalidated`. */
  operation: Str,
};

/** The ticket a Ticket Comment event is about. */
export type ActivityTicket = EntityOf<typeof activityTicketFields>;

/**
 * Codec for the ticket of a Ticket Comment event.
 *
 * @example
 * ActivityTicket.decode({ id: 17, number: 1, summary: 'Crash on save', operation: 'commented' })
 */
export const ActivityTicket = entity('ActivityTicket', activityTicketFields);

const activityEventFields = {
  /** When it happened, at whatever offset the server writes (e.g. `2012-08-22T13:26:59+00:00`). */
  date: Timestamp,
  /** Free text, not a closed list: `created`, `updated`, `commented`, `set to fixed`... */
  operation: Str,
  /** `Ticket`, `Ticket Comment`, `Wiki Page`, `Document`, `Milestone`, `Space`, `User`... */
  object: Str,
  object_id: ObjectId,
  title: Str,
  /** The object's web URL. */
  url: Str,
  space_id: Str,
  space_name: Str,
  /** Absent for system events. The docs leave open whether such keys may also come as null: accepted. */
  author_id: optional(nullable(Str)),
  author_name: optional(nullable(Str)),
  /** Ticket Comment events only. */
  whatchanged: optional(nullable(Str)),
  /** Ticket Comment events only. */
  ticket: optional(nullable(ActivityTicket)),
  /** Sometimes; cut to 80 characters. */
  comment_or_description: optional(nullable(Str)),
};

/** A decoded activity event. */
export type ActivityEvent = EntityOf<typeof activityEventFields>;

/**
 * Codec for an activity event: `date` a `Date` whatever its offset, `object_id` always a string.
 *
 * @example
 * ActivityEvent.decode({ date: '2012-08-22T16:26:59+03:00', operation: 'created', object: 'Ticket',
 *   object_id: 17, title: 'Crash on save', url: 'https://app.assembla.com/spaces/x/tickets/1',
 *   space_id: 'dQl8Keoo8r5i9XcaaN1ZW_', space_name: 'Big Project' })
 * // right({ date: Date 2012-08-22T13:26:59Z, object_id: '17', ... })
 */
export const ActivityEvent = entity('ActivityEvent', activityEventFields);
