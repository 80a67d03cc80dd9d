/**
 * A server option that cannot work (e.g. a negative latency): thrown by `startServer` and
 * `createHandler` before anything starts. The server's own class: lib/testing imports nothing from
 * the SDK, which it is the oracle for.
 *
 * @example startServer({ latencyMs: -1 }) // rejects with a ServerOptionsError
 */
export class ServerOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerOptionsError';
  }
}
