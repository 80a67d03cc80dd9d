// A version of a wiki page, as /spaces/:space/wiki_pages/:id/versions[/:version_id] answer it (digest
// section 16; recorded in spec/fixtures/recordings/wiki-pages-versions/).
import { entity, EntityOf } from './entity';
import { Integer, nullable, Str, Timestamp } from './primitives';

const wikiVersionFields = {
  /** The version row's own id (what `.../versions/:version_id` takes), not the version number. */
  id: Integer,
  contents: Str,
  change_comment: nullable(Str),
  /** The version number, from 1. */
  version: Integer,
  wiki_page_id: Str,
  user_id: Str,
  created_at: Timestamp,
  updated_at: Timestamp,
};

/** A decoded wiki page version. */
export type WikiVersion = EntityOf<typeof wikiVersionFields>;

/**
 * Codec for a wiki page version.
 *
 * @example
 * WikiVersion.decode(json)  // right({ id: 21, version: 1, wiki_page_id: 'azZGPOrkmr5juncaaN1ZW_', ... })
 */
export const WikiVersion = entity('WikiVersion', wikiVersionFields);
