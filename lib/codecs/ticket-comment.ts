// A ticket comment, as /spaces/:space/tickets/:number/ticket_comments[/:id] answer it (digest section 7;
// recorded in spec/fixtures/recordings/ticket-comments/).
import { entity, EntityOf } from './entity';
import { Integer, Str, Timestamp } from './primitives';

const ticketCommentFields = {
  id: Integer,
  /** May be `""`: the server adds a blank comment when a ticket is created (ticket-comments/list.json). */
  comment: Str,
  /** The ticket's global `id`, not its number. */
  ticket_id: Integer,
  user_id: Str,
  /** `created_on`, not `created_at`, as the server names it. */
  created_on: Timestamp,
  updated_at: Timestamp,
  /**
   * YAML text describing what the comment changed, kept as the string the server sends (it is not
   * JSON and not parsed here): `"--- []\n"` when nothing changed.
   */
  ticket_changes: Str,
};

/** A decoded ticket comment. */
export type TicketComment = EntityOf<typeof ticketCommentFields>;

/**
 * Codec for a ticket comment. `ticket_changes` stays YAML text.
 *
 * @example
 * TicketComment.decode({ id: 56, comment: 'Some WIP is done', ticket_id: 54, user_id: 'dAF1c4n0Gr5jhccaaN1ZW_',
 *   created_on: '2014-09-18T07:46:06Z', updated_at: '2014-09-18T07:46:06Z', ticket_changes: '--- []\n' })
 * // right({ ..., created_on: Date 2014-09-18T07:46:06Z, ticket_changes: '--- []\n' })
 */
export const TicketComment = entity('TicketComment', ticketCommentFields);
