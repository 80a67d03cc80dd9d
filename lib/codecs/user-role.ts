// A user's role in a space, as /spaces/:space/user_roles[/:id] answer it (digest section 14; recorded
// in spec/fixtures/recordings/space-user-roles/).
import { entity, EntityOf } from './entity';
import { Integer, nullable, Str, Timestamp } from './primitives';

const userRoleFields = {
  id: Integer,
  user_id: Str,
  space_id: Str,
  /** `"watcher"`, `"member"` or `"owner"`. */
  role: Str,
  /** 1 right after an invitation; the other values are undocumented. */
  status: Integer,
  invited_time: Timestamp,
  /** Null until the user accepts. */
  agreed_time: nullable(Timestamp),
  title: nullable(Str),
  /**
   * Who invited the user. Every recorded role was an invitation; the space's first owner was
   * invited by no one, so null is accepted too.
   */
  invited_by_id: nullable(Str),
};

/** A decoded user role. */
export type UserRole = EntityOf<typeof userRoleFields>;

/**
 * Codec for a user's role in a space.
 *
 * @example
 * UserRole.decode(json)  // right({ id: 28, role: 'member', invited_time: Date, agreed_time: null, ... })
 */
export const UserRole = entity('UserRole', userRoleFields);
