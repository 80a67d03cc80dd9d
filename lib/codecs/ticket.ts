// A ticket, as /spaces/:space/tickets[...], tag tickets and merge-request tickets answer it (digest
// section 6.3). Recordings are authoritative for the shape.
import { derived, entity, EntityOf, Simplify } from './entity';
import { Bool, fieldType, Integer, INVALID, nullable, Num, Str, StringRecord, Timestamp } from './primitives';

/**
 * `status` as sent: the status name in every recorded response, but an integer id (next to
 * `status_name`) in the docs' samples. `refine` below turns both into the name.
 */
const StatusOnWire = fieldType<string | number>({
  name: 'StatusName',
  kind: 'string',
  description: 'a status name',
  is: (u): u is string | number => typeof u === 'string' || Number.isInteger(u),
  parse: (u) => (typeof u === 'string' || Number.isInteger(u) ? (u as string | number) : INVALID),
  encode: (a) => a,
});

/** `status_name`: on the wire only next to an integer `status`, and then required. */
const StatusName = fieldType<string>({
  name: 'StatusName',
  kind: 'string',
  description: 'a status name (needed when status is an id)',
  is: Str.is,
  parse: Str.parse,
  encode: Str.encode,
});

const ticketFields = {
  id: Integer,
  number: Integer,
  summary: Str,
  description: nullable(Str),
  /** 1 Highest … 5 Lowest; 3 Normal. */
  priority: Integer,
  completed_date: nullable(Timestamp),
  component_id: nullable(Integer),
  created_on: Timestamp,
  /** 0 development, 1 private support, 2 public support. */
  permission_type: Integer,
  importance: Num,
  is_story: Bool,
  milestone_id: nullable(Integer),
  notification_list: Str,
  space_id: Str,
  /** 0 closed, 1 open. */
  state: Integer,
  status: StatusOnWire,
  status_name: derived(StatusName),
  story_importance: Integer,
  updated_at: Timestamp,
  working_hours: Num,
  estimate: Num,
  total_estimate: Num,
  total_invested_hours: Num,
  total_working_hours: Num,
  assigned_to_id: nullable(Str),
  reporter_id: Str,
  /** `{ "<field title>": "<value>" }`, `{}` when the space has none. */
  custom_fields: StringRecord,
  /** 0 none, 1 subtask, 2 story, 3 epic. */
  hierarchy_type: Integer,
};

/** A decoded ticket: `status` and `status_name` both hold the status name. */
export type Ticket = Simplify<Omit<EntityOf<typeof ticketFields>, 'status'> & { readonly status: string }>;

/** Whichever form came, leaves the name in both `status` and `status_name`. */
function statusName(o: Record<string, unknown>): string | undefined {
  if (typeof o.status_name === 'string')
    o.status = o.status_name; // docs: status is an id
  else if (typeof o.status === 'string')
    o.status_name = o.status; // recordings: status is the name
  else return 'status_name'; // an id and no name: nothing to call the status
  return undefined;
}

/**
 * Codec for a ticket.
 *
 * @example
 * Ticket.decode({ ...json, status: 'New' })                     // status: 'New', status_name: 'New'
 * Ticket.decode({ ...json, status: 1, status_name: 'New' })     // status: 'New', status_name: 'New'
 */
export const Ticket = entity<typeof ticketFields, Ticket>('Ticket', ticketFields, statusName);
