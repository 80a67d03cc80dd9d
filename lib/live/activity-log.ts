// What the poller has seen of the activity stream (digest §15), and reading only what is new. The
// stream has no event ids, and the order of its pages and the zone and inclusiveness of `from` are
// undocumented, so:
// - An event is recognised by its space and its key (date, object, object_id, operation, author_id,
//   title: the row's key, lib/resources/activity.ts). Memory stays bounded: per live space a floor
//   (events dated before it are old) and the keys of the events seen at or after it; the floor
//   follows the newest event seen, less a margin for events that land late with an earlier date
//   (the same second, a slow write).
// - A space's first floor is five minutes before it joined, by the API's clock: a change that lands
//   between a live query's first read and the first poll is then reported, not taken for old; the
//   entities the cache already holds at that `updated_at` cost nothing (change-log.ts).
// - Pages are read one at a time, newest first as the digest assumes, and only until a page holds
//   an old event (one already seen, or older than the floors). The dates say the order: a stream
//   that turns out oldest first (new events on its last page) is read instead with `from` widened
//   by the widest zone offset and a minute (as lib/engine/activity.ts does), to its end.
// - More unseen pages than `MAX_PAGES` (or a floor older than the 60 days kept) is an overflow: the
//   poller re-reads the kinds the stream reports instead of learning from events.
import { Observable, concatMap, defer, of } from 'rxjs';
import type { ActivityEvent } from '../codecs/activity-event';
import { KEPT_MS, OVERLAP_MS, queryTime } from '../engine/activity';
import type { Client } from '../engine/client';
import { activityEvents, eventKey } from '../resources/activity';
import type { Params } from '../transport/types';

/** Pages of unseen events read in one poll before the poller re-reads the lists instead. */
export const MAX_PAGES = 5;
/** How far before its first poll a space's events are reported (see above). */
export const BASELINE_MS = 5 * 60_000;
/** How much earlier than the newest event seen an event may still land (kept as seen that long). */
const LATE_MS = 2 * 60_000;
const PER_PAGE = activityEvents.perPage ?? 50;

/** What one read of a stream found: every event it read, oldest first, and whether it overflowed. */
export interface StreamRead {
  readonly stream: string;
  readonly events: readonly ActivityEvent[];
  readonly overflow: boolean;
}

const keyOf = (e: ActivityEvent): string => `${e.space_id}|${eventKey(e)}`;

/**
 * The poller's memory of the stream: per live space a floor, the keys of the events seen since,
 * and per stream (`''`: every space at once, else a space id) the order its pages run in.
 *
 * @example const log = new SeenLog(); log.join('s1', now); log.isNew(event)
 */
export class SeenLog {
  private readonly floors = new Map<string, number>();
  /** Per live space: when its events were last read (or it joined), by the API's clock. */
  private readonly readAt = new Map<string, number>();
  private readonly seen = new Map<string, { date: number; spaceId: string }>();
  private readonly oldestFirst = new Set<string>();
  /** The stream last read: a seen event bounds a stream only if that read covered its spaces. */
  private last?: string;

  /** How many events are remembered as seen (bounded: those since their space's floor). */
  get remembered(): number {
    return this.seen.size;
  }

  /** A space becomes live: its events from `BASELINE_MS` before `now` are reported. */
  join(spaceId: string, now: number): void {
    if (this.floors.has(spaceId)) return;
    this.floors.set(spaceId, now - BASELINE_MS);
    this.readAt.set(spaceId, now);
  }

  /** A space is no longer live: what was kept for it goes. */
  leave(spaceId: string): void {
    this.floors.delete(spaceId);
    this.readAt.delete(spaceId);
    for (const [key, e] of this.seen) if (e.spaceId === spaceId) this.seen.delete(key);
  }

  /** Whether an event is a change not seen yet, of a live space. */
  isNew(e: ActivityEvent): boolean {
    const floor = this.floors.get(e.space_id);
    return floor !== undefined && +e.date >= floor && !this.seen.has(keyOf(e));
  }

  /**
   * The spaces whose events were last read longer ago than the 60 days kept (by `now`, less the
   * first poll's look back): what changed meanwhile cannot be known from the stream.
   */
  expired(now: number): string[] {
    return [...this.readAt].filter(([, at]) => at < now - KEPT_MS + BASELINE_MS).map(([id]) => id);
  }

  /** A space's events are no longer learned from but re-read: its floor starts again at `now`. */
  restart(spaceId: string, now: number): void {
    this.leave(spaceId);
    this.floors.set(spaceId, now - LATE_MS);
    this.readAt.set(spaceId, now);
  }

  /** The lowest floor of the spaces a stream covers. */
  private floorOf(stream: string): number {
    const floors = stream ? [this.floors.get(stream) ?? Infinity] : [...this.floors.values()];
    return Math.min(...floors);
  }

  /** Whether reading a newest-first stream may stop after the page holding this event. */
  private isBoundary(e: ActivityEvent, stream: string): boolean {
    if (+e.date < this.floorOf(stream)) return true;
    // After a read of one space, a seen event says nothing of the other spaces' older events.
    return this.seen.has(keyOf(e)) && (stream !== '' || this.last === '');
  }

  /**
   * Every event of the stream the poller has not seen (and more: the page that meets the boundary):
   * one request when nothing happened. The log is not changed, apart from the order learned: a
   * poll records what it read (`record`) only once it has applied it.
   */
  read(client: Client, stream: string): Observable<StreamRead> {
    return defer(() => {
      const events: ActivityEvent[] = [];
      const base: Params = stream ? { space_id: stream } : {};
      const oldest = this.oldestFirst.has(stream);
      const floor = this.floorOf(stream);
      // Oldest first, the new events are at the end: the window is narrowed by `from` (a superset).
      const from =
        oldest && floor - OVERLAP_MS > client.transport.scheduler.now() - KEPT_MS
          ? queryTime(floor - OVERLAP_MS)
          : undefined;
      const params: Params = from ? { ...base, from } : base;
      let previous = NaN;
      let down = false;
      let up = false;
      const page = (n: number): Observable<StreamRead> =>
        client
          .list(
            activityEvents.codec,
            '/activity',
            { row: activityEvents, spaceId: stream || undefined },
            {
              ...params,
              page: n,
              per_page: PER_PAGE,
            },
          )
          .pipe(
            concatMap((items) => {
              events.push(...items);
              for (const { date } of items) {
                down ||= +date < previous;
                up ||= +date > previous;
                previous = +date;
              }
              const done = (overflow: boolean): Observable<StreamRead> =>
                of({ stream, events: sorted(events, !oldest), overflow });
              if (up && !down && !oldest) {
                // The dates run up: new events are on the last page. Read again, narrowed by `from`.
                this.oldestFirst.add(stream);
                return this.read(client, stream);
              }
              if (down && !up) this.oldestFirst.delete(stream);
              if (items.length < PER_PAGE) return done(false);
              if (oldest) return n < 4 * MAX_PAGES ? page(n + 1) : done(true);
              if (items.some((e) => this.isBoundary(e, stream))) return done(false);
              return n < MAX_PAGES ? page(n + 1) : done(true);
            }),
          );
      return page(1);
    });
  }

  /**
   * What a poll read (when it began: `now`) is now seen, for the spaces that were live then
   * (`spaces`: one that joined meanwhile keeps its floor): the floors of those it covered follow its
   * newest event, and only the keys at or after their space's floor are kept.
   */
  record(read: StreamRead, spaces: readonly string[], now: number): void {
    const newest = Math.max(...read.events.map((e) => +e.date));
    const covered = spaces.filter((s) => this.floors.has(s) && (read.stream === '' || read.stream === s));
    for (const s of covered) {
      this.floors.set(s, Math.max(this.floors.get(s)!, newest - LATE_MS));
      this.readAt.set(s, now);
    }
    for (const e of read.events)
      if (covered.includes(e.space_id)) this.seen.set(keyOf(e), { date: +e.date, spaceId: e.space_id });
    for (const [key, e] of this.seen) if (!(e.date >= (this.floors.get(e.spaceId) ?? Infinity))) this.seen.delete(key);
    this.last = read.stream;
  }
}

/**
 * Oldest first, each event once (a page may repeat events that new ones pushed down); events of the
 * same second (dates have no finer precision) in the stream's order, reversed when it runs newest first.
 */
function sorted(events: readonly ActivityEvent[], newestFirst: boolean): ActivityEvent[] {
  const once = [...new Map(events.map((e) => [keyOf(e), e])).values()];
  return (newestFirst ? once.reverse() : once).sort((a, b) => +a.date - +b.date);
}
