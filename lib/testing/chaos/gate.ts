// What may happen to a request before it reaches its route: the rate limiter, an open 429 window,
// or an injected fault. The server asks once per request and follows the plan.
import { errorPage, tooManyRequests, type Reply } from '../http/replies';
import { errorStatus, garble, truncate, type FaultInjector } from './faults';
import type { RateLimiter } from './ratelimit';

export interface Plan {
  /** An answer instead of the route's (429, 5xx). */
  reply?: Reply;
  /** The fault to count: a FaultKind or 'ratelimit'. */
  fault?: string;
  /** Rate-limit headers for the answer. */
  headers: Record<string, string>;
  /** Extra delay (a slow fault). */
  delayMs: number;
  /** Spoils a 200 body (truncated or malformed fault). */
  spoil?: (body: string) => string;
  /** Drops the connection before or after the headers. */
  drop?: 'before' | 'after';
}

/**
 * The plan for one API request (`path` after `/v1`, `url` as sent).
 * @example
 * const faults = new FaultInjector({ rate5xx: 1 });
 * plan({ faults }, 'GET', '/spaces', '/v1/spaces', Date.now()).reply?.status; // 500..504
 */
export function plan(
  gates: { limiter?: RateLimiter; faults?: FaultInjector },
  method: string,
  path: string,
  url: string,
  now: number,
): Plan {
  const { limiter, faults } = gates;
  const limited = limiter?.take(now);
  const out: Plan = { headers: limited?.headers ?? {}, delayMs: 0 };
  if (limited?.retryAfterSec !== undefined)
    return { ...out, reply: tooManyRequests(limited.retryAfterSec), fault: 'ratelimit' };
  if (!faults) return out;
  const burst = faults.burstRemaining(now);
  if (burst !== undefined) return { ...out, reply: tooManyRequests(burst), fault: '429' };
  const drawn =
    (faults.applies(method, path) ? faults.draw(method, url) : undefined) ??
    (faults.appliesToWrite(method, path) ? faults.drawWrite(method, url) : undefined);
  switch (drawn?.kind) {
    case undefined:
    case 'refused': // drawn at the connection (server.ts), never here
      return out;
    case 'drop-after-apply':
      // The route runs first (server.ts answers every plan without a reply), then the socket dies.
      return { ...out, fault: drawn.kind, drop: 'before' };
    case '429-before':
      return { ...out, fault: drawn.kind, reply: tooManyRequests(faults.retryAfterSec) };
    case '5xx':
      return { ...out, fault: drawn.kind, reply: errorPage(errorStatus(drawn.variant, faults.statuses5xx)) };
    case '429':
      faults.openBurst(now);
      return { ...out, fault: drawn.kind, reply: tooManyRequests(faults.retryAfterSec) };
    case 'slow':
      return { ...out, fault: drawn.kind, delayMs: faults.slowMs };
    case 'truncated':
      return { ...out, fault: drawn.kind, spoil: truncate };
    case 'malformed':
      return { ...out, fault: drawn.kind, spoil: garble };
    case 'drop':
      return { ...out, fault: drawn.kind, drop: drawn.variant < 0.5 ? 'before' : 'after' };
  }
}
