/**
 * assembla-rx/testing: a local Assembla-compatible HTTP server with seeded data, latency, fault
 * injection and rate limiting, for tests, examples, benchmarks and demos.
 *
 * @example
 * import { startServer, DEFAULT_CREDENTIALS } from 'assembla-rx/testing';
 * const server = await startServer({ data: { seed: 1, tickets: 2000 } });
 * // ... point the SDK at server.url with DEFAULT_CREDENTIALS ...
 * await server.stop();
 *
 * @module assembla-rx/testing
 */
export { startServer } from './server';
export type { ServerOptions, RunningServer, ServerStats, FaultOptions, RateLimitOptions } from './server';
export { createHandler } from './handler';
export type { HandlerOptions, InMemoryServer, HandledReply } from './handler';
export { generateData } from './data';
export type { DataOptions } from './data';
export { SEED_NOW } from './resources/seed';
export type { ActivityOptions } from './resources/context';
export type { Dataset, SpaceCollection } from './resources/dataset';
export type { WireSpace } from './resources/spaces';
export type { WireMilestone } from './resources/milestones';
export type { WireUser, WireIm } from './resources/users';
export type { WireTicket } from './resources/tickets';
export type { WireStatus } from './resources/statuses';
export type { WireAssociation } from './resources/associations';
export type { WireComment } from './resources/comments';
export type { WireComponent } from './resources/components';
export type { WireCustomField } from './resources/custom-fields';
export type { WireDocument } from './resources/documents';
export type { WireSpaceTool } from './resources/space-tools';
export type { WireTag, WireTicketTag } from './resources/tags';
export type { WireTask } from './resources/tasks';
export type { WireUserRole } from './resources/user-roles';
export type { WireWikiPage, WireWikiVersion } from './resources/wiki';
export type { WireEvent } from './resources/activity';
export { ALL_BYTES_NAME } from './resources/documents';
export { DEFAULT_CREDENTIALS } from './http/credentials';
export type { Credentials } from './http/credentials';
export type { LogEntry, WriteCounts } from './stats';
export type { FaultKind } from './chaos/faults';
export { ServerOptionsError } from './options-error';
