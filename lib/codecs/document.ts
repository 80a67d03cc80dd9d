// A document (a file, or a ticket's attachment), as /spaces/:space/documents[/:id] and
// /spaces/:space/tickets/:number/attachments answer it (digest section 18; recorded in
// spec/fixtures/recordings/space-documents/ and space-tickets/attachments.json).
import { entity, EntityOf } from './entity';
import { Bool, Integer, nullable, Str, Timestamp } from './primitives';

const documentFields = {
  name: Str,
  content_type: Str,
  created_by: Str,
  id: Str,
  version: Integer,
  filename: Str,
  /** Bytes. */
  filesize: Integer,
  updated_by: Str,
  description: nullable(Str),
  /** Tags as one string, `""` when none. */
  cached_tag_list: Str,
  position: Integer,
  /** The web download URL (`https://<host>/spaces/<space>/documents/<id>/download/<id>`), not the API's. */
  url: Str,
  created_at: Timestamp,
  updated_at: Timestamp,
  /** The global id of the ticket it is attached to, or null. */
  ticket_id: nullable(Integer),
  /** `"Ticket"`, `"Flow"` or `"Milestone"` for an attachment, null for a plain file. */
  attachable_type: nullable(Str),
  has_thumbnail: Bool,
  space_id: Str,
  attachable_id: nullable(Integer),
  attachable_guid: nullable(Str),
};

/** A decoded document. */
export type Document = EntityOf<typeof documentFields>;

/**
 * Codec for a document (a space file or a ticket attachment).
 *
 * @example
 * Document.decode(json)  // right({ name: 'api_tasks.rb', filesize: 4657, ticket_id: 63, created_at: Date, ... })
 */
export const Document = entity('Document', documentFields);
