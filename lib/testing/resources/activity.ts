// The activity stream (digest §15): the seeded history, derived from the data the server started
// with (tickets created and updated, comments, wiki versions, documents, milestones), plus the
// events each write appends (recordEvent: created, updated, deleted, commented, ...). Never recorded;
// its order, the inclusiveness of `from` and the zone of `from`/`to` follow the server's
// `activity` semantics. Only the 60 days up to the server's clock exist; paged by 50.
import { pageOf, paging } from '../http/paging';
import { list, notFound, unprocessable } from '../http/replies';
import { isoSeconds } from '../http/time';
import type { WireComment } from './comments';
import type { Context, Handler } from './context';
import type { WireDocument } from './documents';
import type { WireMilestone } from './milestones';
import type { FakeResource } from './resource';
import type { WireSpace } from './spaces';
import type { Store } from './store';
import type { WireTicket } from './tickets';
import type { WireWikiPage } from './wiki';

/** An event of the activity stream, fields in the digest's order. */
export interface WireEvent {
  date: string;
  operation: string;
  object: string;
  object_id: string;
  title: string;
  url: string;
  space_id: string;
  space_name: string;
  author_id: string;
  author_name: string;
  /** Ticket Comment events only. */
  whatchanged?: string;
  ticket?: { id: number; number: number; summary: string; operation: string };
  comment_or_description?: string;
}

const EVENTS_PER_PAGE = 50; // digest §3.1
const WINDOW_MS = 60 * 86_400_000;
const MINUTE = 60_000;
const QUERY_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/** An event and its instant; the event is written out only when it is answered. */
export interface Dated {
  ms: number;
  event: () => WireEvent;
}

const NO_CHANGES = '--- []\n';

/** `±hh:mm` or 'UTC' as minutes east of UTC; undefined when malformed. */
export function zoneOffset(zone: string): number | undefined {
  if (zone === 'UTC' || zone === 'Z') return 0;
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}

/** A `yyyy-mm-dd hh:mm` read at an offset, as UTC ms; NaN when malformed. */
function parseQueryTime(text: string, offsetMinutes: number): number {
  const m = QUERY_TIME.exec(text);
  if (!m) return NaN;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return NaN;
  return Date.UTC(y, mo - 1, d, h, mi) - offsetMinutes * MINUTE;
}

/** The events of the spaces between `since` and `until` (both inclusive), in no particular order. */
function eventsOf(store: Store, spaces: readonly WireSpace[], since: number, until: number): Dated[] {
  return spaces.flatMap((space) => {
    const history = historyOf(store, space);
    const written = store.events(space.id);
    return [
      ...history.slice(firstAtOrAfter(history, since), firstAtOrAfter(history, until + 1)),
      ...written.slice(firstAtOrAfter(written, since), firstAtOrAfter(written, until + 1)),
    ];
  });
}

function firstAtOrAfter(timeline: ReadonlyArray<{ ms: number }>, ms: number): number {
  let [lo, hi] = [0, timeline.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeline[mid].ms < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What an event says beyond its date and author. */
export interface EventFields {
  operation: string;
  /** `Ticket`, `Ticket Comment`, `Milestone`, `Document`, `Wiki Page`, ... (digest §15). */
  object: string;
  object_id: string;
  title: string;
  /** The object's web path inside the space, e.g. `tickets/31`. */
  path: string;
  /** Ticket Comment events only. */
  whatchanged?: string;
  ticket?: { id: number; number: number; summary: string; operation: string };
  comment_or_description?: string;
}

function eventOf(store: Store, space: WireSpace, ms: number, authorId: string, fields: EventFields): WireEvent {
  const { operation, object, object_id, title, path, ...extra } = fields;
  return {
    date: isoSeconds(ms).replace('Z', '+00:00'),
    operation,
    object,
    object_id,
    title,
    url: `https://www.assembla.com/spaces/${space.wiki_name}/${path}`,
    space_id: space.id,
    space_name: space.name,
    author_id: authorId,
    author_name: store.user(authorId)?.name ?? '',
    ...extra,
  };
}

/**
 * Appends the event a write leaves on the activity stream: dated at the request's `now`, by the
 * caller. Every write calls it once it has changed the data (the seeded history is derived apart).
 * @example
 * recordEvent(ctx, space, ticketEvent(ticket, 'created'));
 * recordEvent(ctx, space, { operation: 'created', object: 'Wiki Page', object_id: page.id, title, path });
 */
export function recordEvent(ctx: Context, space: WireSpace, fields: EventFields): void {
  ctx.store.appendEvent(space.id, ctx.now, eventOf(ctx.store, space, ctx.now, ctx.store.data.me.id, fields));
}

/**
 * The fields of a Ticket event (`created`, `updated`, `deleted`, `set to fixed`, ...).
 * @example
 * recordEvent(ctx, space, ticketEvent(ticket, 'deleted'));
 */
export function ticketEvent(t: WireTicket, operation: string): EventFields {
  return {
    operation,
    object: 'Ticket',
    object_id: String(t.number),
    title: `#${t.number} ${t.summary}`,
    path: `tickets/${t.number}`,
  };
}

/**
 * The fields of a Ticket Comment event on ticket `t` (`commented`, `updated`).
 * @example
 * recordEvent(ctx, space, commentEvent(ticket, comment, 'commented'));
 */
export function commentEvent(t: WireTicket, c: WireComment, operation: string): EventFields {
  return {
    operation,
    object: 'Ticket Comment',
    object_id: String(c.id),
    title: `#${t.number} ${t.summary}`,
    path: `tickets/${t.number}`,
    whatchanged: c.ticket_changes === NO_CHANGES ? '' : 'status',
    ticket: { id: t.id, number: t.number, summary: t.summary, operation },
    comment_or_description: c.comment.slice(0, 80),
  };
}

/**
 * The fields of a Document event (`uploaded`, `updated`, `deleted`).
 * @example
 * recordEvent(ctx, space, documentEvent(doc, 'uploaded'));
 */
export function documentEvent(d: WireDocument, operation: string): EventFields {
  return { operation, object: 'Document', object_id: d.id, title: d.name, path: `documents/${d.id}` };
}

/**
 * The fields of a Milestone event (`created`, `updated`, `deleted`).
 * @example
 * recordEvent(ctx, space, milestoneEvent(milestone, 'created'));
 */
export function milestoneEvent(m: WireMilestone, operation: string): EventFields {
  return { operation, object: 'Milestone', object_id: String(m.id), title: m.title, path: `milestones/${m.id}` };
}

/**
 * The fields of a Wiki Page event (`created`, `updated`, `deleted`).
 * @example
 * recordEvent(ctx, space, wikiEvent(page, 'updated'));
 */
export function wikiEvent(p: WireWikiPage, operation: string): EventFields {
  const path = `wiki/show/${encodeURIComponent(p.page_name)}`;
  return { operation, object: 'Wiki Page', object_id: p.id, title: p.page_name, path };
}

// The seeded history of a space, oldest first, each event written out only when it is answered:
// derived once from the data as it stood when the server started (store.seeded), since writes
// record their own events. 100,000 tickets take about a second to go through.
const histories = new WeakMap<Store, Map<string, Dated[]>>();

function historyOf(store: Store, space: WireSpace): Dated[] {
  let bySpace = histories.get(store);
  if (!bySpace) histories.set(store, (bySpace = new Map()));
  let history = bySpace.get(space.id);
  if (!history) bySpace.set(space.id, (history = timelineOf(store, space)));
  return history;
}

function timelineOf(store: Store, space: WireSpace): Dated[] {
  const out: Dated[] = [];
  const seeded = store.seeded(space.id);
  const add = (ms: number, authorId: string, fields: () => EventFields): void =>
    void out.push({ ms, event: () => eventOf(store, space, ms, authorId, fields()) });
  const byId = new Map(seeded.tickets.map((t) => [t.id, t]));
  for (const t of seeded.tickets) {
    const created = Date.parse(t.created_on);
    const updated = Date.parse(t.updated_at);
    add(created, t.reporter_id, () => ticketEvent(t, 'created'));
    if (updated > created) {
      const operation = t.state === 0 ? `set to ${t.status.toLowerCase()}` : 'updated';
      add(updated, t.assigned_to_id ?? t.reporter_id, () => ticketEvent(t, operation));
    }
  }
  for (const c of seeded.comments) {
    const t = byId.get(c.ticket_id);
    if (t) add(Date.parse(c.created_on), c.user_id, () => commentEvent(t, c, 'commented'));
  }
  const pages = new Map(seeded.wikiPages.map((p) => [p.id, p]));
  for (const v of seeded.wikiVersions) {
    const page = pages.get(v.wiki_page_id);
    if (!page) continue;
    add(Date.parse(v.created_at), v.user_id, () => wikiEvent(page, v.version === 1 ? 'created' : 'updated'));
  }
  for (const d of seeded.documents) add(Date.parse(d.created_at), d.created_by, () => documentEvent(d, 'uploaded'));
  for (const m of seeded.milestones) add(Date.parse(m.created_at), m.created_by, () => milestoneEvent(m, 'created'));
  return out.sort((a, b) => a.ms - b.ms);
}

/** `GET /activity`: `space_id`, `from`, `to` (`yyyy-mm-dd hh:mm`, 422 when malformed), paged by 50; 204 when empty. */
const listActivity: Handler = ({ store, query, now, semantics }) => {
  const { order, from: fromMode, zone } = semantics.activity;
  const offset = zoneOffset(zone) ?? 0;
  const errors: Record<string, string[]> = {};
  const bound = (name: 'from' | 'to'): number | undefined => {
    const text = query.get(name);
    if (text === null) return undefined;
    const ms = parseQueryTime(text, offset);
    if (Number.isNaN(ms)) errors[name] = ['must be yyyy-mm-dd hh:mm'];
    return ms;
  };
  const from = bound('from');
  const to = bound('to');
  if (Object.keys(errors).length > 0) return unprocessable(errors);
  const spaceId = query.get('space_id');
  const spaces = spaceId === null ? store.data.spaces : store.data.spaces.filter((s) => s.id === spaceId);
  if (spaces.length === 0) return notFound();

  // `from`/`to` have minute precision: an event is compared by the minute it happened in.
  const events = eventsOf(store, spaces, now - WINDOW_MS, now).filter(({ ms }) => {
    const minute = Math.floor(ms / MINUTE) * MINUTE;
    if (from !== undefined && (fromMode === 'inclusive' ? minute < from : minute <= from)) return false;
    return to === undefined || minute < to;
  });
  const sign = order === 'oldest-first' ? 1 : -1;
  // Stable, so events of the same second keep one order whichever way the list runs.
  events.sort((a, b) => sign * (a.ms - b.ms));
  return list(pageOf(events, paging(query, EVENTS_PER_PAGE)).map((e) => e.event()));
};

export const activity: FakeResource = {
  name: 'activity',
  routes: [['GET', '/activity', listActivity]],
};
