// A ticket status, as /spaces/:space/tickets/statuses[/:id] answer it (digest section 8; recorded in
// spec/fixtures/recordings/ticket-statuses/).
import { entity, EntityOf } from './entity';
import { Integer, Str, Timestamp } from './primitives';

const ticketStatusFields = {
  id: Integer,
  /** The id of the space's Tickets tool. */
  space_tool_id: Str,
  name: Str,
  /** 1 open, 0 closed. */
  state: Integer,
  /** The position in the space's workflow, from 1; lists come in this order. */
  list_order: Integer,
  created_at: Timestamp,
  updated_at: Timestamp,
};

/** A decoded ticket status. */
export type TicketStatus = EntityOf<typeof ticketStatusFields>;

/**
 * Codec for a ticket status.
 *
 * @example
 * TicketStatus.decode({ id: 242, space_tool_id: 'c4vddOpKCr5iPecaaN1ZW_', name: 'New', state: 1, list_order: 1,
 *   created_at: '2014-09-17T08:50:48Z', updated_at: '2014-09-17T08:50:48Z' })  // right({ ..., state: 1 })
 */
export const TicketStatus = entity('TicketStatus', ticketStatusFields);
