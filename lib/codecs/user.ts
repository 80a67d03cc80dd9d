// A user, as /user, /users/:id_or_login, /users and /spaces/:space/users answer it (digest section 14).
// Users whose profile is hidden come with `id`, `login`, `name` (and `picture`) only, so the rest is
// optional.
import { entity, EntityOf, optional } from './entity';
import { nullable, Str } from './primitives';

const imFields = { type: nullable(Str), id: nullable(Str) };

/** An instant-messenger handle. */
export type ImHandle = EntityOf<typeof imFields>;

/**
 * Codec for an instant-messenger handle, `{ type, id }`, both possibly null.
 *
 * @example
 * ImHandle.decode({ type: 'skype', id: 'dev1' })  // right({ type: 'skype', id: 'dev1' })
 */
export const ImHandle = entity('ImHandle', imFields);

const userFields = {
  id: Str,
  login: Str,
  name: Str,
  /** A URL, or `""`. */
  picture: optional(Str),
  email: optional(Str),
  organization: optional(nullable(Str)),
  phone: optional(nullable(Str)),
  im: optional(ImHandle),
  im2: optional(ImHandle),
};

export type User = EntityOf<typeof userFields>;

/**
 * Codec for a user.
 *
 * @example
 * User.decode({ id: 'dB8amGn0Gr5jhccaaN1ZW_', login: 'dev2', name: 'dev2', picture: '' })  // right(...)
 */
export const User = entity('User', userFields);
