// One poller per API, shared by every live query (and `changes()` feed) of its spaces: each poll
// reads what is new on the activity stream (activity-log.ts; one `GET /activity?space_id=` for one
// live space, one `GET /activity` for several), brings the spaces' caches up to date with it
// (change-log.ts), revalidates the members the stream cannot tell about, then tells every member.
// - It polls at the shortest `every` among its members, counted from the end of the last poll, is
//   started by the first member and stopped by the last (no timer left, nothing in flight). Time is
//   the API's scheduler: virtual in tests.
// - A failed poll keeps its members: it backs off (transport/retry.ts's `backOff`, from `every` up
//   to five minutes, without jitter) and says so on `requests$` (a `poll` event). A 401 errors
//   every member; a space that answers 404 errors that space's members.
// - A space whose stream answers 403 or 404 (the space itself still there) is unavailable: its
//   members then revalidate on every poll, as do the members whose kind the stream does not report.
import {
  Observable,
  Subscription,
  catchError,
  concatMap,
  defer,
  from,
  map,
  merge,
  of,
  throwError,
  toArray,
} from 'rxjs';
import { AuthError, NotFoundError, describeError } from '../core/errors';
import type { Client } from '../engine/client';
import { Scope, spaceScope } from '../engine/scope';
import { timerMs } from '../core/timer';
import { DEFAULT_RETRY, backOff } from '../transport/retry';
import { buildUrl } from '../transport/url';
import { SeenLog, StreamRead } from './activity-log';
import type { Change } from './change';
import { applyChanges, changeOf, rereadAll } from './change-log';

/** What a live query asks of its space's poller while it is subscribed. */
export interface PollMember {
  /** Milliseconds between polls this member wants; the poller runs at the shortest among its members. */
  readonly every: number;
  /**
   * Run on each poll, after the change log is applied: the conditional re-read of a list the change
   * log does not report (tags, statuses...), which patches the cache when the list changed.
   */
  readonly revalidate?: () => Observable<unknown>;
  /**
   * Whether the change log reports this member's kind (tickets, comments, milestones, wiki pages,
   * documents): then `revalidate` runs only while the space's stream is unavailable (403/404).
   */
  readonly changeLog?: boolean;
}

/** What one poll learned, emitted to every member once the cache holds it. */
export interface PollResult {
  /** When the poll ended, on the API's scheduler. */
  readonly at: number;
  /** The changes of the member's space that this poll saw, oldest first. */
  readonly changes: readonly Change[];
}

/** The longest back-off between failed polls (unless `every` is longer). */
const MAX_BACKOFF_MS = 5 * 60_000;

interface Member {
  readonly spaceId?: string;
  readonly member: PollMember;
  readonly next: (result: PollResult) => void;
  readonly error: (e: unknown) => void;
}

/** A space answered 404 (its stream and the space itself): its members end. */
class SpaceGone {
  constructor(
    readonly spaceId: string,
    readonly error: unknown,
  ) {}
}

const pollers = new WeakMap<Client, Poller>();

/**
 * Joins the poller of `scope`'s space for as long as the result is subscribed: it emits after each
 * poll. The first member starts the poller, the last one leaving stops it. Errors while polling do
 * not end it (it backs off); a permanent one (401, the space gone) errors every member.
 *
 * @example joinPoller(scope, { every: 30_000 }).subscribe(() => reevaluate())
 */
export function joinPoller(scope: Scope, member: PollMember): Observable<PollResult> {
  return new Observable<PollResult>((subscriber) => {
    const { client } = scope;
    let poller = pollers.get(client);
    if (!poller) pollers.set(client, (poller = new Poller(client, () => pollers.delete(client))));
    const entry: Member = {
      spaceId: scope.spaceId,
      member,
      next: (result) => subscriber.next(result),
      error: (e) => subscriber.error(e),
    };
    const joined = poller;
    joined.add(entry);
    return () => joined.remove(entry);
  });
}

/**
 * Says on `requests$` (a `poll` event) that a poll, or a live query's re-read after it, failed and
 * what happens next: `delayMs` until it is tried again, `attempt` failures in a row. The URL is the
 * failed request's, else `path`'s.
 *
 * @example reportFailedPoll(client, error, { attempt: 1, spaceId, delayMs: 30_000, path: '/activity' })
 */
export function reportFailedPoll(
  client: Client,
  e: unknown,
  how: { readonly attempt: number; readonly spaceId?: string; readonly delayMs: number; readonly path: string },
): void {
  const url = (e as { url?: unknown }).url;
  client.transport.report({
    type: 'poll',
    method: 'GET',
    url: typeof url === 'string' ? url : buildUrl(client.options.baseUrl, how.path),
    attempt: how.attempt,
    ...(how.spaceId === undefined ? {} : { spaceId: how.spaceId }),
    delayMs: how.delayMs,
    error: describeError(e),
  });
}

class Poller {
  private readonly members = new Set<Member>();
  private readonly log = new SeenLog();
  /** Spaces whose stream answers 403 or 404. */
  private readonly unavailable = new Set<string>();
  /** One stream for every space answered 403 or 404: each space is read on its own. */
  private perSpace = false;
  private timer?: Subscription;
  private running?: Subscription;
  private failures = 0;
  private lastEnd = 0;
  private stopped = false;

  constructor(
    private readonly client: Client,
    private readonly done: () => void,
  ) {}

  private now(): number {
    return this.client.transport.scheduler.now();
  }

  add(m: Member): void {
    if (this.members.size === 0) this.lastEnd = this.now();
    this.members.add(m);
    if (m.spaceId !== undefined) this.log.join(m.spaceId, this.now());
    this.plan();
  }

  remove(m: Member): void {
    if (!this.members.delete(m)) return;
    if (m.spaceId !== undefined && !this.spaces().includes(m.spaceId)) {
      this.log.leave(m.spaceId);
      this.unavailable.delete(m.spaceId);
    }
    if (this.members.size > 0) return this.plan();
    this.stopped = true;
    this.timer?.unsubscribe();
    this.running?.unsubscribe();
    this.done();
  }

  private spaces(): string[] {
    return [...new Set([...this.members].flatMap((m) => (m.spaceId === undefined ? [] : [m.spaceId])))];
  }

  private every(): number {
    return Math.min(...[...this.members].map((m) => m.member.every));
  }

  /** The next poll, `every` after the last one ended; left alone while one runs or backs off. */
  private plan(): void {
    if (this.running || this.failures > 0 || this.stopped) return;
    this.schedule(this.lastEnd + this.every() - this.now());
  }

  private schedule(delay: number): void {
    this.timer?.unsubscribe();
    this.timer = this.client.transport.scheduler.schedule(() => this.poll(), timerMs(delay));
  }

  private poll(): void {
    this.timer = undefined;
    const running = new Subscription();
    this.running = running;
    running.add(
      this.once().subscribe({
        next: (deliver) => {
          this.running = undefined;
          this.failures = 0;
          this.lastEnd = this.now();
          deliver();
          this.plan();
        },
        error: (e: unknown) => {
          this.running = undefined;
          this.failed(e);
        },
      }),
    );
  }

  private failed(e: unknown): void {
    // A permanent error ends the members it concerns; any left (other spaces, or one that joined
    // again) are polled on at their interval, not at a back-off left from earlier failures.
    const gone = e instanceof SpaceGone;
    if (gone || (e instanceof AuthError && e.status === 401)) {
      for (const m of [...this.members]) if (!gone || m.spaceId === e.spaceId) m.error(gone ? e.error : e);
      this.failures = 0;
      this.lastEnd = this.now();
      return this.plan();
    }
    if (this.stopped) return;
    this.failures++;
    const every = this.every();
    const delayMs = backOff(this.failures, {
      ...DEFAULT_RETRY,
      baseDelayMs: every,
      maxDelayMs: Math.max(every, MAX_BACKOFF_MS),
      random: () => 1,
    });
    const spaces = this.spaces();
    reportFailedPoll(this.client, e, {
      attempt: this.failures,
      spaceId: spaces.length === 1 ? spaces[0] : undefined,
      delayMs,
      path: '/activity',
    });
    this.schedule(delayMs);
  }

  /** One poll: read, apply, revalidate; emits how to tell the members, once all of it is done. */
  private once(): Observable<() => void> {
    return defer(() => {
      const spaces = this.spaces();
      const now = this.now();
      const streams = spaces.length > 1 && !this.perSpace ? [''] : spaces;
      return from(streams).pipe(
        concatMap((stream) => this.read(stream, spaces)),
        toArray(),
        concatMap((reads) => {
          const all = reads.flat();
          const overflowed = new Set(this.log.expired(now));
          const bySpace = new Map<string, Change[]>(spaces.map((s) => [s, []]));
          for (const read of all) {
            if (read.overflow) for (const s of spaces) if (read.stream === '' || read.stream === s) overflowed.add(s);
            for (const e of read.events) {
              const change = this.log.isNew(e) ? changeOf(e) : undefined;
              if (change) bySpace.get(change.spaceId)?.push(change);
            }
          }
          return from(spaces).pipe(
            concatMap((spaceId) => {
              const scope = spaceScope({ client: this.client, kind: 'space', spaceId });
              const changes = bySpace.get(spaceId)!;
              if (!overflowed.has(spaceId)) return applyChanges(scope, changes).pipe(map((c) => [spaceId, c] as const));
              rereadAll(scope);
              return of([spaceId, changes] as const);
            }),
            toArray(),
            map((applied) => {
              for (const read of all) this.log.record(read, spaces, now);
              for (const s of overflowed)
                if (!all.some((r) => r.stream === '' || r.stream === s)) this.log.restart(s, now);
              return new Map(applied);
            }),
          );
        }),
        concatMap((applied) => this.revalidate().pipe(map((ended) => ({ applied, ended })))),
        map(({ applied, ended }) => () => {
          const at = this.now();
          for (const m of [...this.members]) {
            if (this.stopped) return;
            const failure = ended.get(m);
            if (failure !== undefined) m.error(failure);
            else if (this.members.has(m)) m.next({ at, changes: (m.spaceId && applied.get(m.spaceId)) || [] });
          }
        }),
      );
    });
  }

  /**
   * What is new on one stream (`''`: every space). A stream that answers 403 or 404 is unavailable
   * (none is read: its members revalidate); for a space, one look at the space tells whether it is
   * gone, which ends its members.
   */
  private read(stream: string, spaces: readonly string[]): Observable<StreamRead[]> {
    return this.log.read(this.client, stream).pipe(
      map((read) => {
        this.unavailable.delete(stream);
        return [read];
      }),
      catchError((e: unknown) => {
        const refused = e instanceof NotFoundError || (e instanceof AuthError && e.status === 403);
        if (!refused) return throwError(() => e);
        if (stream === '') {
          this.perSpace = true;
          return from(spaces).pipe(
            concatMap((s) => this.read(s, spaces)),
            toArray(),
            map((reads) => reads.flat()),
          );
        }
        if (this.unavailable.has(stream) || !(e instanceof NotFoundError)) {
          this.unavailable.add(stream);
          return of([]);
        }
        return this.client.transport
          .request({ method: 'GET', path: `/spaces/${encodeURIComponent(stream)}`, fresh: true })
          .pipe(
            map(() => (this.unavailable.add(stream), [])),
            catchError((gone: unknown) =>
              throwError(() => (gone instanceof NotFoundError ? new SpaceGone(stream, gone) : gone)),
            ),
          );
      }),
    );
  }

  /**
   * Each member's own revalidation, when the stream cannot tell about its kind (or its space's stream
   * is unavailable): all at once. A 404 ends that member (the list's scope is gone); other failures
   * fail the poll.
   */
  private revalidate(): Observable<Map<Member, unknown>> {
    const ended = new Map<Member, unknown>();
    const due = [...this.members].filter(
      (m) =>
        m.member.revalidate &&
        (m.member.changeLog !== true || m.spaceId === undefined || this.unavailable.has(m.spaceId)),
    );
    return merge(
      ...due.map((m) =>
        defer(() => m.member.revalidate!()).pipe(
          toArray(),
          catchError((e: unknown) => {
            if (!(e instanceof NotFoundError)) return throwError(() => e);
            ended.set(m, e);
            return of([]);
          }),
        ),
      ),
    ).pipe(
      toArray(),
      map(() => ended),
    );
  }
}

/** @internal For tests: whether `client` has a poller running. */
export function hasPoller(client: Client): boolean {
  return pollers.has(client);
}
