// Live counters of a running server.

/** One request as the server's log records it (`stats.log`). */
export interface LogEntry {
  method: string;
  path: string;
  query: string;
  /** 0 for a dropped connection. */
  status: number;
  fault?: string;
}

/** A running server's live counters (`server.stats`). */
export interface ServerStats {
  /** Every request answered or dropped (OPTIONS included; `/__stats` excluded). */
  requests: number;
  /** By route key, e.g. `GET /spaces/:space/tickets`; `OPTIONS *` for preflights, `GET *` for no route. */
  byEndpoint: Record<string, number>;
  byStatus: Record<number, number>;
  /**
   * Injected faults by kind ('5xx', '429', 'truncated', 'malformed', 'drop', 'slow', 'ratelimit',
   * 'drop-after-apply', '429-before', 'refused'), counted when injected.
   */
  faults: Record<string, number>;
  /**
   * Writes (POST, PUT, DELETE under /v1) by method: `received` once read (a refused connection's
   * request never is), `applied` when its route answered 2xx, i.e. the data changed (a write whose
   * answer was then dropped included). `applied.POST === n` proves n creations landed.
   */
  writes: WriteCounts;
  /** The last 10,000 requests, oldest first. */
  log: LogEntry[];
  /** Zeroes every counter and empties the log (the same objects stay in place). */
  reset(): void;
}

/** Writes by method, e.g. `{ POST: 3, PUT: 1 }`. */
export interface WriteCounts {
  received: Record<string, number>;
  applied: Record<string, number>;
}

export const LOG_LIMIT = 10_000;

/**
 * Fresh, empty counters.
 * @example
 * const stats = createStats();
 * record(stats, 'GET /spaces', { method: 'GET', path: '/v1/spaces', query: '', status: 200 });
 * countFault(stats, 'slow');
 */
export function createStats(): ServerStats {
  const stats: ServerStats = {
    requests: 0,
    byEndpoint: {},
    byStatus: {},
    faults: {},
    writes: { received: {}, applied: {} },
    log: [],
    reset() {
      stats.requests = 0;
      const all = [stats.byEndpoint, stats.byStatus, stats.faults, stats.writes.received, stats.writes.applied];
      for (const counts of all as Array<Record<string, number>>) {
        for (const key of Object.keys(counts)) delete counts[key];
      }
      stats.log.length = 0;
    },
  };
  return stats;
}

/**
 * Counts one request once it is answered or dropped. Its fault, if any, is counted apart with
 * countFault() when it is injected: a slow answer may never go out (its client gave up, or the
 * server stopped) and is still a fault that happened.
 */
export function record(stats: ServerStats, endpoint: string, entry: LogEntry): void {
  stats.requests++;
  stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
  stats.byStatus[entry.status] = (stats.byStatus[entry.status] ?? 0) + 1;
  stats.log.push(entry);
  if (stats.log.length > LOG_LIMIT) stats.log.shift();
}

/** Counts one injected fault. */
export function countFault(stats: ServerStats, kind: string): void {
  stats.faults[kind] = (stats.faults[kind] ?? 0) + 1;
}

/** Counts one write received, or applied. */
export function countWrite(stats: ServerStats, stage: keyof WriteCounts, method: string): void {
  stats.writes[stage][method] = (stats.writes[stage][method] ?? 0) + 1;
}

/** The counters as plain JSON data, without the log (what `GET /__stats` answers). */
export function countersOf(stats: ServerStats): Omit<ServerStats, 'log' | 'reset'> {
  const { requests, byEndpoint, byStatus, faults, writes } = stats;
  return { requests, byEndpoint, byStatus, faults, writes };
}
