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
export type { APIOptions } from './options';
export type { Auth } from './transport/credentials';
export { milestones } from './operators/milestones';
export { milestone } from './operators/milestone';
export { tickets } from './operators/tickets';
export { ticket } from './operators/ticket';
export { streamTickets } from './operators/stream-tickets';
export { iterateTickets } from './operators/iterate-tickets';
export type { IterateOptions } from './operators/iterate-tickets';
export { users } from './operators/users';
export { user } from './operators/user';
export { codecs } from './codecs';
export type { DeepReadonly, EntityCodec, FieldKind, FieldSpec, ReadonlyDate, SpaceData } from './codecs';
export type { Space, Milestone, Ticket, User } from './entities';
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
export type { Filter, QueryOptions, SingleFilter } from './filters';
export type { CacheHandle, CacheCommand } from './cache/query-cache';
export type {
  RequestEvent,
  RequestStartEvent,
  RequestEndEvent,
  RequestRetryEvent,
  RequestDedupeEvent,
  Method,
  Call,
  Reply,
  Handler,
  Request,
  Params,
  XHRLike,
  AgentLike,
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
