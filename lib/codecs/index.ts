// io-ts codecs for Assembla's entities, with coercion to native types (Date, number).
import { Milestone } from './milestone';
import { Space } from './space';
import { Ticket } from './ticket';
import { User } from './user';

export { Milestone } from './milestone';
export { Space } from './space';
export type { SpaceData } from './space';
export { Ticket } from './ticket';
export { ImHandle, User } from './user';
export { decodeEntity, decodeList } from './decode';
export type { ReadonlyDate } from './frozen-date';

// The building blocks, for codecs of further entities.
export { derived, entity, optional } from './entity';
export type {
  DeepReadonly,
  Derived,
  EntityCodec,
  EntityOf,
  EntityType,
  FieldSpec,
  Optional,
  Props,
  Refine,
} from './entity';
export {
  Bool,
  INVALID,
  Integer,
  Num,
  PlainDate,
  Str,
  StringRecord,
  Timestamp,
  fieldType,
  nullable,
} from './primitives';
export { formatPlainDate, formatTimestamp, numberFromString, parsePlainDate, parseTimestamp } from './primitives';
export type { FieldKind, FieldType, FieldTypeSpec, Invalid } from './primitives';

/**
 * The entity codecs by name.
 *
 * @example
 * codecs.Ticket.decode(json)  // Either<t.Errors, Ticket>
 */
export const codecs = { Space, Milestone, User, Ticket };
