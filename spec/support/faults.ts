// The hardening issue's fault mix: over 10% of the matched requests fail in every way the local
// server can fail (deterministic from the seed).
import type { ServerOptions } from '../../lib/testing';

/**
 * 5xx (502/503/504), truncated and malformed bodies, dropped connections, slow answers and 429
 * bursts on the requests whose path matches `paths`; spread it to change a rate.
 *
 * @example startServer({ faults: { ...mixedFaults(/\/tickets$/), slowMs: 300 } })
 */
export const mixedFaults = (paths: RegExp): NonNullable<ServerOptions['faults']> => ({
  seed: 22,
  rate5xx: 0.06,
  statuses5xx: [502, 503, 504],
  truncateRate: 0.03,
  malformedRate: 0.03,
  dropRate: 0.03,
  slowRate: 0.02,
  slowMs: 2000,
  burst429Rate: 0.02,
  retryAfterSec: 1,
  paths,
});
