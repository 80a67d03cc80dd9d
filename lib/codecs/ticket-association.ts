// A ticket association, as /spaces/:space/tickets/:number/ticket_associations[/:id] answer it (digest
// section 10; recorded in spec/fixtures/recordings/ticket-associations/).
import { entity, EntityOf } from './entity';
import { Integer, Timestamp } from './primitives';

const ticketAssociationFields = {
  id: Integer,
  /** Global ticket ids (not numbers). */
  ticket1_id: Integer,
  ticket2_id: Integer,
  /**
   * What ticket2 is of ticket1: 0 parent, 1 child, 2 related, 3 duplicate, 4 sibling, 5 story,
   * 6 subtask, 7 dependent, 8 block. As the server stored it: a subtask asked for (6) comes back
   * as the other side's story (5), the tickets swapped (ticket-associations/create.json).
   */
  relationship: Integer,
  created_at: Timestamp,
};

/** A decoded ticket association. */
export type TicketAssociation = EntityOf<typeof ticketAssociationFields>;

/**
 * Codec for a ticket association.
 *
 * @example
 * TicketAssociation.decode({ id: 5, ticket1_id: 45, ticket2_id: 44, relationship: 5,
 *   created_at: '2014-09-17T12:05:19Z' })  // right({ ..., relationship: 5 })
 */
export const TicketAssociation = entity('TicketAssociation', ticketAssociationFields);
