// A ticket custom field definition, as /spaces/:space/tickets/custom_fields[/:id] answer it (digest
// section 9; recorded in spec/fixtures/recordings/ticket-custom-fields/, timestamps there at +05:30
// and Z for the same field).
import { entity, EntityOf, optional } from './entity';
import { arrayOf } from './array-of';
import { Bool, Integer, nullable, Str, Timestamp } from './primitives';

const customFieldFields = {
  id: Integer,
  /** The id of the space's Tickets tool. */
  space_tool_id: Str,
  /**
   * As the server spells it on read, capitalised: `"Text"`, `"Numeric"`, `"Date"`, `"List"`,
   * `"Team List"` (written in any case; ticket-custom-fields/create.json sends `"text"`, reads `"Text"`).
   * Kept as sent, so a type the server adds later still decodes.
   */
  type: Str,
  title: Str,
  /** Bigger is higher on the ticket page; null when never set. */
  order: nullable(Integer),
  required: Bool,
  hide: Bool,
  /** Text; `YYYY-MM-DD` for a date field, a user id for a team list, an entry for a list. */
  default_value: nullable(Str),
  /** A list field's entries: an array on read, present only for `"List"` fields (docs only, not recorded). */
  list_options: optional(arrayOf(Str)),
  created_at: Timestamp,
  updated_at: Timestamp,
};

/** A decoded custom field definition. */
export type CustomField = EntityOf<typeof customFieldFields>;

/**
 * Codec for a custom field definition: `type` as the server spells it, `list_options` an array
 * (only on list fields).
 *
 * @example
 * CustomField.decode({ ...json, type: 'List', list_options: ['Low', 'High'] })
 * // right({ ..., type: 'List', list_options: ['Low', 'High'] })
 */
export const CustomField = entity('CustomField', customFieldFields);
