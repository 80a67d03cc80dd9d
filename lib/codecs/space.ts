// A space, as GET /spaces, GET /spaces/:space and POST /spaces answer it (digest section 4).
// Every key is present in every recorded response, so all are required.
import { entity, EntityOf } from './entity';
import { Bool, Integer, nullable, Str, Timestamp } from './primitives';

const spaceFields = {
  id: Str,
  name: Str,
  description: nullable(Str),
  wiki_name: Str,
  public_permissions: Integer,
  team_permissions: Integer,
  watcher_permissions: Integer,
  share_permissions: Bool,
  team_tab_role: Integer,
  created_at: Timestamp,
  updated_at: Timestamp,
  default_showpage: Str,
  /** YAML text such as `"--- \n- stream\n- wiki\n"`, or null on new spaces. */
  tabs_order: nullable(Str),
  parent_id: nullable(Str),
  restricted: Bool,
  restricted_date: nullable(Timestamp),
  commercial_from: nullable(Timestamp),
  banner: nullable(Str),
  banner_height: nullable(Integer),
  banner_text: nullable(Str),
  banner_link: nullable(Str),
  style: nullable(Str),
  status: Integer,
  approved: Bool,
  is_manager: Bool,
  is_volunteer: Bool,
  is_commercial: Bool,
  can_join: Bool,
  can_apply: Bool,
  last_payer_changed_at: nullable(Timestamp),
};

/** The decoded space (the API adds a `cache` handle on top). */
export type SpaceData = EntityOf<typeof spaceFields>;

/**
 * Codec for a space.
 *
 * @example
 * Space.decode(JSON.parse(body))  // right({ id: 'dQl8Keoo8r5i9XcaaN1ZW_', created_at: Date, ... })
 */
export const Space = entity('Space', spaceFields);
