// Fault injection: each request's fault is drawn from a hash of (seed, method, URL, n), n counting
// the earlier requests to that same URL. Concurrent clients therefore see the same faults on every
// run whatever the arrival order, and a retried URL gets a fresh draw.
import { hashUnit } from './random';

/** The 5xx answers a fault can give. */
export type ServerErrorStatus = 500 | 502 | 503 | 504;

/**
 * Which faults the server injects and how often; every draw is deterministic from `seed`.
 *
 * @example
 * await startServer({ faults: { seed: 3, rate5xx: 0.1, truncateRate: 0.05 } });
 */
export interface FaultOptions {
  /** Seed of the draws; default 1. */
  seed?: number;
  /** Probability (0..1) of a 5xx answer. */
  rate5xx?: number;
  /** Which 5xx statuses `rate5xx` draws from; default 500, 502, 503 and 504. */
  statuses5xx?: ReadonlyArray<ServerErrorStatus>;
  /** Probability of a 429 that opens a window of `retryAfterSec` in which every request gets 429. */
  burst429Rate?: number;
  /** `Retry-After` of those 429s, in seconds; default 1. */
  retryAfterSec?: number;
  /** Probability of a 200 whose JSON body is cut in the middle (Content-Length fits the cut body). */
  truncateRate?: number;
  /** Probability of a 200 whose JSON is invalid (one character garbled). */
  malformedRate?: number;
  /** Probability that the connection is destroyed without an answer (before or after the headers). */
  dropRate?: number;
  /** Probability of an answer delayed by `slowMs`. */
  slowRate?: number;
  /** Delay of a slow answer; default 5000. */
  slowMs?: number;
  /**
   * Only requests whose API path (after `/v1`, e.g. `/spaces/x/tickets`) matches get faults; default every
   * GET under /v1 (and every write for the write faults below).
   */
  paths?: RegExp;
  /**
   * Probability that a write is applied (the data changes) and its connection then destroyed
   * without an answer: the client cannot know whether it landed. Counted as 'drop-after-apply'.
   */
  dropAfterApplyRate?: number;
  /**
   * Probability that a write is answered 429 (`Retry-After: retryAfterSec`) before it is applied:
   * nothing changed. Counted as '429-before'; unlike `burst429Rate`, no window opens.
   */
  reject429Rate?: number;
  /**
   * Probability that a connection is reset as soon as its first request line arrives, before
   * anything is read or processed (the draw reads only that line's method and URL). Every answer
   * then says `Connection: close`, so each request comes on a connection of its own. Counted as
   * 'refused'.
   */
  refuseRate?: number;
  /** The methods the three write faults above hit; default POST, PUT and DELETE. */
  writeFaultMethods?: readonly string[];
}

/** The kinds of fault, as counted in `stats.faults` (`ratelimit` comes from the rate limiter). */
export type FaultKind =
  '5xx' | '429' | 'truncated' | 'malformed' | 'drop' | 'slow' | 'drop-after-apply' | '429-before' | 'refused';

export interface Fault {
  kind: FaultKind;
  /** A second draw in [0, 1) that picks the variant (which 5xx, when to drop). */
  variant: number;
}

const KINDS: Array<[FaultKind, keyof FaultOptions]> = [
  ['5xx', 'rate5xx'],
  ['429', 'burst429Rate'],
  ['truncated', 'truncateRate'],
  ['malformed', 'malformedRate'],
  ['drop', 'dropRate'],
  ['slow', 'slowRate'],
];

// The faults of writes, drawn apart so that adding them never changes the draws above.
const WRITE_KINDS: Array<[FaultKind, keyof FaultOptions]> = [
  ['drop-after-apply', 'dropAfterApplyRate'],
  ['429-before', 'reject429Rate'],
];

const WRITES = ['POST', 'PUT', 'DELETE'];

/**
 * Decides faults for one server.
 * @example
 * const faults = new FaultInjector({ seed: 7, rate5xx: 0.1 });
 * faults.draw('GET', '/v1/spaces?page=2'); // undefined, or { kind: '5xx', variant: 0.42 }
 */
export class FaultInjector {
  readonly retryAfterSec: number;
  readonly slowMs: number;
  readonly statuses5xx: ReadonlyArray<ServerErrorStatus>;
  private readonly seed: number;
  private readonly seen = new Map<string, number>();
  private burstUntil = 0;

  constructor(private readonly options: FaultOptions) {
    this.seed = options.seed ?? 1;
    this.retryAfterSec = Math.max(1, Math.ceil(options.retryAfterSec ?? 1));
    this.slowMs = options.slowMs ?? 5000;
    this.statuses5xx = options.statuses5xx ?? [500, 502, 503, 504];
  }

  /** Whether this request may get a fault at all. */
  applies(method: string, path: string): boolean {
    return this.options.paths ? this.options.paths.test(path) : method === 'GET';
  }

  /** Whether this request may get a write fault (drop-after-apply, 429-before, refused). */
  appliesToWrite(method: string, path: string): boolean {
    return (this.options.writeFaultMethods ?? WRITES).includes(method) && (this.options.paths?.test(path) ?? true);
  }

  /** Whether connections may be refused at all (the server then reads each first request line). */
  get refuses(): boolean {
    return (this.options.refuseRate ?? 0) > 0;
  }

  /** The next draw for this URL (`url` is the request's path and query, as sent). */
  draw(method: string, url: string): Fault | undefined {
    return this.drawFrom(KINDS, `${method} ${url}`);
  }

  /** The next write-fault draw for this URL (drawn apart from `draw`'s). */
  drawWrite(method: string, url: string): Fault | undefined {
    return this.drawFrom(WRITE_KINDS, `write ${method} ${url}`);
  }

  /** Whether the connection whose first request is this one is refused. */
  drawRefusal(method: string, url: string): boolean {
    return this.drawFrom([['refused', 'refuseRate']], `connect ${method} ${url}`) !== undefined;
  }

  private drawFrom(kinds: ReadonlyArray<[FaultKind, keyof FaultOptions]>, key: string): Fault | undefined {
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    const x = hashUnit(`${key}#${n}`, this.seed);
    let edge = 0;
    for (const [kind, option] of kinds) {
      edge += (this.options[option] as number | undefined) ?? 0;
      if (x < edge) return { kind, variant: hashUnit(`${key}#${n}#variant`, this.seed) };
    }
    return undefined;
  }

  /** Opens the 429 window (from a '429' fault). */
  openBurst(now: number): void {
    this.burstUntil = now + this.retryAfterSec * 1000;
  }

  /** Whole seconds left in the 429 window (at least 1), or undefined when it is closed. */
  burstRemaining(now: number): number | undefined {
    return now < this.burstUntil ? Math.max(1, Math.ceil((this.burstUntil - now) / 1000)) : undefined;
  }
}

/** Which 5xx a '5xx' fault answers. */
export function errorStatus(
  variant: number,
  statuses: ReadonlyArray<ServerErrorStatus> = [500, 502, 503, 504],
): ServerErrorStatus {
  return statuses[Math.floor(variant * statuses.length)];
}

/**
 * A body cut in the middle (so it is never valid JSON).
 * @example
 * truncate('{"id":1,"name":"x"}'); // '{"id":1,"n'
 */
export function truncate(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}

/**
 * The same body with the first `:` past the middle that is outside a string turned into `;`: same
 * length, invalid JSON.
 * @example
 * garble('{"a":1,"b":2}'); // '{"a":1,"b";2}'
 */
export function garble(body: string): string {
  const colons: number[] = [];
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ':') colons.push(i);
  }
  // A body without a colon (a bare value) gets a stray character in front instead.
  if (colons.length === 0) return `~${body.slice(1)}`;
  const at = colons.find((i) => i >= body.length / 2) ?? colons[colons.length - 1];
  return `${body.slice(0, at)};${body.slice(at + 1)}`;
}
