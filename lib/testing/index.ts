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
export { generateData } from './data';
export type { DataOptions, Dataset, WireSpace, WireMilestone, WireUser, WireTicket, WireStatus, WireIm } from './data';
export { DEFAULT_CREDENTIALS } from './credentials';
export type { Credentials } from './credentials';
export type { LogEntry } from './stats';
export type { FaultKind } from './faults';
