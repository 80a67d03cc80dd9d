// io-ts codecs for Assembla's entities, with coercion to native types (Date, number).
import { ActivityEvent } from './activity-event';
import { Component } from './component';
import { CustomField } from './custom-field';
import { Document } from './document';
import { Milestone } from './milestone';
import { Space } from './space';
import { SpaceTool } from './space-tool';
import { Tag } from './tag';
import { Task } from './task';
import { Ticket } from './ticket';
import { TicketAssociation } from './ticket-association';
import { TicketComment } from './ticket-comment';
import { TicketStatus } from './ticket-status';
import { User } from './user';
import { UserRole } from './user-role';
import { WikiPage } from './wiki-page';
import { WikiVersion } from './wiki-version';

export { Milestone } from './milestone';
export { Space } from './space';
export type { SpaceData } from './space';
export { Ticket } from './ticket';
export { ImHandle, User } from './user';
export { TicketComment } from './ticket-comment';
export { Tag } from './tag';
export { TicketStatus } from './ticket-status';
export { CustomField } from './custom-field';
export { Component } from './component';
export { TicketAssociation } from './ticket-association';
export { Document } from './document';
export { WikiPage } from './wiki-page';
export { WikiVersion } from './wiki-version';
export { SpaceTool } from './space-tool';
export { UserRole } from './user-role';
export { Task } from './task';
export { ActivityEvent, ActivityTicket } from './activity-event';
export { decodeEntity, decodeList } from './decode';
export type { ReadonlyDate } from './frozen-date';

// The building blocks, for codecs of further entities.
export { derived, entity, optional } from './entity';
export { arrayOf } from './array-of';
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
export const codecs = {
  Space,
  Milestone,
  User,
  Ticket,
  TicketComment,
  Tag,
  TicketStatus,
  CustomField,
  Component,
  TicketAssociation,
  Document,
  WikiPage,
  WikiVersion,
  SpaceTool,
  UserRole,
  Task,
  ActivityEvent,
};
