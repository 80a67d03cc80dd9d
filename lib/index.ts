/**
 * assembla-rx: a reactive TypeScript SDK for the Assembla REST API v1. This file is the public contract.
 *
 * @example
 * import { API, ticket } from 'assembla-rx';
 * const assembla = new API({ auth: { key: 'KEY', secret: 'SECRET' } });
 * assembla.space({ name: 'Big Project' }).pipe(ticket({ number: 201 })).subscribe((t) => console.log(t.status_name));
 *
 * @module assembla-rx
 */
export { API } from './api';
export type { ActivityQuery } from './api';
export type { APIOptions } from './options';
export type { Auth } from './transport/credentials';
export { milestones, milestone, createMilestone, updateMilestone, deleteMilestone } from './operators/milestones';
export type { MilestoneListOptions } from './operators/milestones';
export type { MilestoneAttributes, NewMilestone } from './resources/milestones';
export {
  tickets,
  ticket,
  streamTickets,
  iterateTickets,
  createTicket,
  updateTicket,
  deleteTicket,
} from './operators/tickets';
export type { NewTicket, TicketAttributes } from './resources/tickets';
export type { WriteOptions } from './engine/write';
export type { IterateOptions, TicketListOptions, TicketOptionsOf } from './operators/tickets';
export { users, user } from './operators/users';
export { comments, addComment, updateComment } from './operators/comments';
export { tags, tag, createTag, updateTag, deleteTag } from './operators/tags';
export type { TagListOptions } from './operators/tags';
export type { NewTag, TagAttributes } from './resources/tags';
export { statuses, createStatus, updateStatus, deleteStatus } from './operators/statuses';
export type { NewStatus, StatusAttributes } from './resources/statuses';
export { customFields, createCustomField, updateCustomField, deleteCustomField } from './operators/custom-fields';
export type { CustomFieldAttributes, CustomFieldType, NewCustomField } from './resources/custom-fields';
export { components, createComponent, updateComponent, deleteComponent } from './operators/components';
export type { NewComponent } from './resources/components';
export { associations, associate, updateAssociation, deleteAssociation } from './operators/associations';
export type { Relationship } from './resources/associations';
export { documents, spaceDocument, attachments, download, attachFile } from './operators/documents';
export type { BlobLike, FileToAttach } from './resources/documents';
export {
  wikiPages,
  wikiPage,
  wikiVersions,
  createWikiPage,
  updateWikiPage,
  deleteWikiPage,
} from './operators/wiki-pages';
export type { DeleteWikiPageOptions } from './operators/wiki-pages';
export type { NewWikiPage, WikiPageAttributes } from './resources/wiki-pages';
export { spaceTools, userRoles } from './operators/space-tools';
export { tasks } from './operators/tasks';
export { activity } from './operators/activity';
export { changes } from './operators/changes';
export type { ChangesOptions } from './operators/changes';
export type { Change } from './live/change';
export type { ActivityWindow } from './engine/activity';
export { codecs } from './codecs';
export type { DeepReadonly, EntityCodec, FieldKind, FieldSpec, ReadonlyDate, SpaceData } from './codecs';
export type { Space, Milestone, Ticket, User } from './engine/entities';
export type {
  ActivityEvent,
  ActivityTicket,
  Component,
  CustomField,
  Document,
  SpaceTool,
  Tag,
  Task,
  TicketAssociation,
  TicketComment,
  TicketStatus,
  UserRole,
  WikiPage,
  WikiVersion,
} from './codecs';
export type { Filter, QueryOptions, SingleFilter } from './engine/filters';
export type { LiveOptions } from './engine/live-hook';
// Under Node this export loads the live module with the package, so `{ live }` needs no
// `liveQueries()`; a bundler leaves the module out unless the page calls it (lib/engine/live-hook.ts).
export { liveQueries } from './live/live-query';
export type { CacheHandle, CacheCommand } from './cache/query-cache';
export type {
  RequestEvent,
  RequestStartEvent,
  RequestEndEvent,
  RequestRetryEvent,
  RequestDedupeEvent,
  RequestPollEvent,
  Method,
  Call,
  Reply,
  Handler,
  Request,
  Params,
  XHRLike,
  AgentLike,
  BytesFetch,
  RawResponse,
} from './transport/types';
export type { RetryOptions } from './transport/retry';
export type { TokenSource } from './transport/token';
export {
  AssemblaError,
  ConfigError,
  FilterError,
  HttpError,
  AuthError,
  RateLimitError,
  NotFoundError,
  AmbiguousMatchError,
  UnboundEntityError,
  ParseError,
  PagingError,
  DecodeError,
  NetworkError,
  TimeoutError,
  AbortError,
} from './core/errors';
export { ValidationError, AttributeError, UncertainWriteError } from './core/write-errors';
