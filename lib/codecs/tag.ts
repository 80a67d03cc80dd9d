// A tag, as /spaces/:space/tags[/active|proposed|hidden|:id] and /spaces/:space/tickets/:number/tags
// answer it (digest section 12; recorded in spec/fixtures/recordings/space-tags/ and
// space-tickets/tags.json).
import { entity, EntityOf } from './entity';
import { Integer, nullable, Str, Timestamp } from './primitives';

const tagFields = {
  id: Integer,
  name: Str,
  space_id: Str,
  /** 1 proposed, 2 active, 4 hidden; null for a tag created without one (the docs' sample, section 12). */
  state: nullable(Integer),
  created_at: Timestamp,
  updated_at: Timestamp,
};

/** A decoded tag. */
export type Tag = EntityOf<typeof tagFields>;

/**
 * Codec for a tag.
 *
 * @example
 * Tag.decode({ id: 15, name: 'Core', space_id: 'cvN7XCrwGr5ikScaaN1ZW_', state: 2,
 *   created_at: '2014-09-26T10:33:42Z', updated_at: '2014-09-26T10:33:42Z' })  // right({ ..., state: 2 })
 */
export const Tag = entity('Tag', tagFields);
