// What the activity stream's events say about a space's entities, and the cache brought up to date
// with it through the path writes use (lib/engine/coherence.ts). Which event `object` is which
// resource is data (`CHANGE_LOG`), kept here rather than on the rows: a page that only reads
// carries none of it (spec/package.spec.ts, the bundle budget).
// - Tickets: each changed number is read again, in `number[]` selections of at most 10 (digest
//   §6.2: the parameter is in one copy of the docs only, so a number missing from the answer is
//   read alone; a 404 means deleted), then patched in (updated, created) or taken out (deleted).
// - Comments, milestones, wiki pages, documents: the cached entries that hold the entity (its lists,
//   its lookups, the lists under it) are dropped by tag, and re-read by whoever asks again. A
//   comment also makes its ticket stale (it bumps the ticket's `updated_at`).
// - What the cache already holds at the event's date (its `updated_at`: the SDK's own writes) costs
//   nothing; nor does an entity the cache holds nothing of.
import { EMPTY, Observable, catchError, concatMap, defer, from, map, mergeMap, of, throwError, toArray } from 'rxjs';
import type { ActivityEvent } from '../codecs/activity-event';
import { truthOf } from '../cache/pending';
import type { QueryCache } from '../cache/query-cache';
import { invalidate, invalidateWhere } from '../cache/tags';
import { NotFoundError } from '../core/errors';
import { changed, created, deleted, home, unknown, updated } from '../engine/coherence';
import { Scope, cacheOf, entityTag } from '../engine/scope';
import { identityRoute, readFresh } from '../engine/write';
import { comments } from '../resources/comments';
import { documents } from '../resources/documents';
import { milestoneWrites, milestones } from '../resources/milestones';
import type { AnyRow, Effects } from '../resources/row';
import { ticketWrites, tickets } from '../resources/tickets';
import { wikiPageWrites, wikiPages, wikiVersions } from '../resources/wiki-pages';
import type { Change } from './change';

/** How the events of one `object` are learned from. */
export interface LoggedKind {
  readonly row: AnyRow;
  /** Named by its number, not by `object_id` (tickets). */
  readonly numbered?: boolean;
  /** A ticket's child (comments): its ticket changed with it, and its lists are that ticket's. */
  readonly ofTicket?: boolean;
  /** What a deletion changes besides the entity (`Writes.delete`: a ticket's associations). */
  readonly deletes?: Effects;
  /** Lists under the entity, dropped with it on an overflow (a wiki page's versions). */
  readonly under?: readonly AnyRow[];
}

/** The resources the activity stream reports, by the event's `object` (digest §15). */
export const CHANGE_LOG: Readonly<Record<string, LoggedKind>> = {
  Ticket: { row: tickets, numbered: true, deletes: ticketWrites.delete },
  'Ticket Comment': { row: comments, ofTicket: true },
  Milestone: { row: milestones, deletes: milestoneWrites.delete },
  'Wiki Page': { row: wikiPages, deletes: wikiPageWrites.delete, under: [wikiVersions] },
  Document: { row: documents },
  File: { row: documents },
};

/**
 * Whether the activity stream reports changes to `row`'s entities (its lists are then kept up to
 * date by the poller): a live query of such a row joins with `changeLog: true`.
 *
 * @example reportedByChangeLog(tickets) // true; reportedByChangeLog(tags) // false
 */
export function reportedByChangeLog(row: AnyRow): boolean {
  return Object.values(CHANGE_LOG).some((k) => k.row === row || k.under?.includes(row));
}

/** Tickets read again per request: `number[]` selections of at most this many. */
export const BATCH = 10;

type Item = Record<string, unknown>;

/** A ticket's number in an object's web URL (`.../tickets/31`, `.../tickets/31-crash-on-save`). */
function numberInUrl(url: string): number | undefined {
  const m = /\/tickets\/(\d+)(?:[-/?#]|$)/.exec(url);
  return m ? Number(m[1]) : undefined;
}

/**
 * The change an event reports, when it is about a resource the change log knows (else undefined).
 *
 * @example changeOf(event) // { kind: 'ticket', operation: 'updated', number: 31, spaceId: 's1', at, by }
 */
export function changeOf(e: ActivityEvent): Change | undefined {
  const kind = CHANGE_LOG[e.object];
  if (!kind) return undefined;
  const number = kind.numbered || kind.ofTicket ? (e.ticket?.number ?? numberInUrl(e.url)) : undefined;
  return {
    kind: kind.row.name,
    operation: e.operation,
    spaceId: e.space_id,
    ...(number === undefined ? {} : { number }),
    ...(kind.numbered && number !== undefined ? {} : { id: e.object_id }),
    at: e.date,
    by: { id: e.author_id ?? '', name: e.author_name ?? '' },
  };
}

const kindOf = (change: Change): LoggedKind =>
  Object.values(CHANGE_LOG).find((k) => k.row.name === change.kind) as LoggedKind;

/**
 * The cached copies of `row`'s entities in `cache`, by identity: the oldest `updated_at` among them
 * (the server's state, under any pending optimistic write). Lists carry the row's tag; a direct
 * lookup holds one entity under its entity tags only.
 */
function heldAt(cache: QueryCache, row: AnyRow): Map<string, number> {
  const held = new Map<string, number>();
  const own = `${row.name}:`;
  for (const entry of cache.entries.values()) {
    if (!entry.done) continue;
    const value = truthOf(entry);
    const items = Array.isArray(value)
      ? entry.tags.has(row.tag)
        ? (value as Item[])
        : []
      : [...entry.tags].every((tag) => tag.startsWith(own))
        ? [value as Item]
        : [];
    for (const item of items) {
      const id = String(item[row.identity]);
      const at = (item.updated_at as Date | undefined)?.getTime() ?? -Infinity;
      held.set(id, Math.min(held.get(id) ?? Infinity, at));
    }
  }
  return held;
}

/** Whether the cache holds any list of `row`. */
function anyList(cache: QueryCache, row: AnyRow): boolean {
  for (const entry of cache.entries.values()) if (entry.tags.has(row.tag)) return true;
  return false;
}

/**
 * Applies a space's changes to its cache (`scope`: the space) and emits them, oldest first, with the
 * numbers of tickets that the events named only by id (one `GET /tickets/id/:id` each).
 *
 * @example applyChanges(spaceScope, changes).subscribe((applied) => console.log(applied.length))
 */
export function applyChanges(scope: Scope, changes: readonly Change[]): Observable<Change[]> {
  // Tickets read by id are fresh already: not read again by number.
  const read = new Set<number>();
  return from(changes).pipe(
    concatMap((c) => (kindOf(c).numbered && c.number === undefined ? numbered(scope, c, read) : of(c))),
    toArray(),
    concatMap((all) => applyTickets(scope, all, read).pipe(map(() => (applyOthers(scope, all), all)))),
  );
}

/** A ticket change named by id: its number, by reading the ticket (which is then fresh in the cache). */
function numbered(scope: Scope, c: Change, read: Set<number>): Observable<Change> {
  const byId = tickets.lookups!.find((l) => l.by === 'id')!.path;
  return readFresh<Item>(tickets, scope, byId, { id: c.id }).pipe(
    map((t) => {
      put(scope, t);
      read.add(t.number as number);
      return { ...c, number: t.number as number };
    }),
    catchError((e: unknown) => {
      if (!(e instanceof NotFoundError)) return throwError(() => e);
      // Gone, and its number unknown: the space's ticket lists are read again.
      unknown(tickets, scope);
      return of(c);
    }),
  );
}

/**
 * A ticket as the server has it now, in the space's cache: replaced where it is, or joining its
 * lists; unless every cached copy is newer (`held`: a write of the SDK's landed while this read was
 * in flight, and its read-back is the later state).
 */
function put(scope: Scope, ticket: Item, held = heldAt(cacheOf(scope), tickets)): void {
  if ((held.get(String(ticket.number)) ?? -Infinity) > +(ticket.updated_at as Date)) return;
  const list = home(tickets, scope);
  const cached = list && cacheOf(scope).peek<Item[]>(list.key);
  if (!cached?.some((t) => t.number === ticket.number)) created(tickets, scope, ticket);
  updated(tickets, scope, ticket);
}

/** A ticket deleted on the server, gone from the space's cache with what it took along. */
function gone(scope: Scope, number: number): void {
  deleted(tickets, scope, { number });
  changed(scope, ticketWrites.delete?.changes);
}

/** The tickets whose cached copies are older than their changes, read again in batches of 10. */
function applyTickets(scope: Scope, changes: readonly Change[], read: ReadonlySet<number>): Observable<unknown> {
  return defer(() => {
    const cache = cacheOf(scope);
    const latest = new Map<number, Change>();
    for (const c of changes)
      if (c.number !== undefined && (kindOf(c).numbered || kindOf(c).ofTicket)) latest.set(c.number, c);
    const held = heldAt(cache, tickets);
    const lists = anyList(cache, tickets);
    const stale = [...latest.values()].filter((c) => {
      if (read.has(c.number!)) return false;
      const at = held.get(String(c.number));
      // Not cached: a new one may join the cached lists; a deleted one is in none.
      // Held and deleted since is stale even at the same second (dates have no finer grain): the
      // SDK's own deletion leaves nothing held.
      if (at === undefined) return lists && !ticketGone(c);
      return ticketGone(c) || at < +c.at;
    });
    if (stale.length === 0) return of(undefined);
    const batches: Change[][] = [];
    for (let i = 0; i < stale.length; i += BATCH) batches.push(stale.slice(i, i + BATCH));
    const path = `/spaces/${encodeURIComponent(scope.spaceId!)}/tickets`;
    const target = { row: tickets, spaceId: scope.spaceId };
    // Patched together once every batch is in: a live query sees the poll's answer, not a step of it.
    // What the cache holds is read then: the SDK's own write that landed meanwhile is newer, and stays.
    const patches: Array<(now: Map<string, number>) => void> = [];
    return from(batches).pipe(
      mergeMap((batch) =>
        scope.client
          .list(tickets.codec, path, target, { [tickets.numbered!.select]: batch.map((c) => c.number!) })
          .pipe(
            catchError((e: unknown) => (e instanceof NotFoundError ? of([]) : throwError(() => e))),
            concatMap((found) => {
              const asked = new Map(batch.map((c) => [c.number!, c]));
              for (const t of found as Item[])
                if (asked.delete(t.number as number)) patches.push((now) => put(scope, t, now));
              // Missing from the answer (`number[]` may be unknown to the server): read alone; a 404 is deleted.
              return from(asked.values()).pipe(
                mergeMap((c) =>
                  readFresh<Item>(tickets, scope, identityRoute(tickets), { number: c.number }).pipe(
                    map((t) => patches.push((now) => put(scope, t, now))),
                    catchError((e: unknown) =>
                      e instanceof NotFoundError
                        ? (patches.push(() => gone(scope, c.number!)), EMPTY)
                        : throwError(() => e),
                    ),
                  ),
                ),
                toArray(),
              );
            }),
          ),
      ),
      toArray(),
      map(() => {
        const now = heldAt(cache, tickets);
        for (const patch of patches) patch(now);
      }),
    );
  });
}

const isDeletion = (c: Change): boolean => c.operation === 'deleted';
const ticketGone = (c: Change): boolean => isDeletion(c) && kindOf(c).numbered === true;

/**
 * Comments, milestones, wiki pages and documents: the cached entries holding an entity the cache
 * holds older than its change are dropped (a comment's: its ticket's comment lists).
 */
function applyOthers(scope: Scope, changes: readonly Change[]): void {
  const cache = cacheOf(scope);
  const helds = new Map<AnyRow, Map<string, number>>();
  for (const c of changes) {
    const kind = kindOf(c);
    if (kind.numbered) continue;
    const { row } = kind;
    let held = helds.get(row);
    if (!held) helds.set(row, (held = heldAt(cache, row)));
    const at = held.get(c.id!);
    // Not cached: a new one makes the cached lists stale, a deleted one changes nothing here.
    if (at === undefined ? isDeletion(c) : at >= +c.at) continue;
    if (kind.ofTicket) {
      const parent = c.number === undefined ? undefined : entityTag(tickets, 'number', c.number);
      invalidateWhere(cache, [row.tag], (tags) => tags.has(row.tag) && (!parent || tags.has(parent)));
    } else {
      invalidate(cache, row.tag, entityTag(row, row.identity, c.id!));
      if (isDeletion(c)) changed(scope, kind.deletes?.changes);
    }
  }
}

/**
 * After an overflow (too many unseen events, or older than the stream keeps): every cached list
 * and lookup of the kinds the stream reports is dropped, to be read again by whoever asks.
 *
 * @example rereadAll(spaceScope)
 */
export function rereadAll(scope: Scope): void {
  const rows = new Set(Object.values(CHANGE_LOG).flatMap((k) => [k.row, ...(k.under ?? [])]));
  changed(scope, () => [...rows]);
}
