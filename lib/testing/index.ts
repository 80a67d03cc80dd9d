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
export type { ActivityOptions } from './context';
export { generateData, SEED_NOW } from './data';
export type {
  DataOptions,
  Dataset,
  SpaceCollection,
  WireSpace,
  WireMilestone,
  WireUser,
  WireTicket,
  WireStatus,
  WireIm,
  WireAssociation,
  WireComment,
  WireComponent,
  WireCustomField,
  WireDocument,
  WireSpaceTool,
  WireTag,
  WireTicketTag,
  WireTask,
  WireUserRole,
  WireWikiPage,
  WireWikiVersion,
} from './data';
export type { WireEvent } from './resources/activity';
export { ALL_BYTES_NAME } from './resources/documents';
export { DEFAULT_CREDENTIALS } from './credentials';
export type { Credentials } from './credentials';
export type { LogEntry } from './stats';
export type { FaultKind } from './faults';
export { ServerOptionsError } from './options-error';
