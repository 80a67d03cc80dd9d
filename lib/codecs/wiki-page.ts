// A wiki page, as /spaces/:space/wiki_pages[/:id] answer it (digest section 16; recorded in
// spec/fixtures/recordings/wiki-pages/).
import { entity, EntityOf } from './entity';
import { Integer, nullable, Str, Timestamp } from './primitives';

const wikiPageFields = {
  id: Str,
  /** Unique in its space. */
  page_name: Str,
  contents: Str,
  /** 0 private, 1 active, 2 archived. */
  status: Integer,
  version: Integer,
  position: Integer,
  /** 2 Textile, 3 HTML (the default). */
  wiki_format: Integer,
  change_comment: nullable(Str),
  /** The parent page's id, or null for a top page. */
  parent_id: nullable(Str),
  space_id: Str,
  user_id: Str,
  created_at: Timestamp,
  updated_at: Timestamp,
};

/** A decoded wiki page. */
export type WikiPage = EntityOf<typeof wikiPageFields>;

/**
 * Codec for a wiki page.
 *
 * @example
 * WikiPage.decode(json)  // right({ id: 'dlJaQwrkar5juncaaN1ZW_', page_name: 'Setup', version: 1, ... })
 */
export const WikiPage = entity('WikiPage', wikiPageFields);
