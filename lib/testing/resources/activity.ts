// The activity stream (digest §15): events derived from what the data holds (tickets created and
// updated, comments, wiki versions, documents, milestones), so writes show up too. Never recorded;
// its order, the inclusiveness of `from` and the zone of `from`/`to` follow the server's
// `activity` semantics. Only the 60 days up to the server's clock exist; paged by 50.
import { pageOf, paging } from '../http/paging';
import { list, notFound, unprocessable } from '../http/replies';
import { isoSeconds } from '../http/time';
import type { Handler } from './context';
import type { FakeResource } from './resource';
import type { WireSpace } from './spaces';
import type { Store } from './store';
import type { WireTicket } from './tickets';

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

interface Dated {
  ms: number;
  event: () => WireEvent;
}

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
    const timeline = store.memo(space.id, 'activity', () => timelineOf(store, space));
    return timeline.slice(firstAtOrAfter(timeline, since), firstAtOrAfter(timeline, until + 1));
  });
}

function firstAtOrAfter(timeline: readonly Dated[], ms: number): number {
  let [lo, hi] = [0, timeline.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeline[mid].ms < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Every event of a space, oldest first, each written out only when it is answered. Kept by the
// store until the space changes (100,000 tickets take about a second to go through).
function timelineOf(store: Store, space: WireSpace): Dated[] {
  const out: Dated[] = [];
  const users = new Map(store.allUsers().map((u) => [u.id, u.name]));
  const base = (object: string, objectId: string, title: string, path: string, authorId: string) => ({
    object,
    object_id: objectId,
    title,
    url: `https://www.assembla.com/spaces/${space.wiki_name}/${path}`,
    space_id: space.id,
    space_name: space.name,
    author_id: authorId,
    author_name: users.get(authorId) ?? '',
  });
  const add = (ms: number, event: () => WireEvent): void => void out.push({ ms, event });
  const ticketEvent = (t: WireTicket, operation: string, date: number, author: string) => () => ({
    date: isoSeconds(date).replace('Z', '+00:00'),
    operation,
    ...base('Ticket', String(t.number), `#${t.number} ${t.summary}`, `tickets/${t.number}`, author),
  });
  for (const t of store.tickets(space.id)) {
    const created = Date.parse(t.created_on);
    const updated = Date.parse(t.updated_at);
    add(created, ticketEvent(t, 'created', created, t.reporter_id));
    if (updated > created) {
      const operation = t.state === 0 ? `set to ${t.status.toLowerCase()}` : 'updated';
      add(updated, ticketEvent(t, operation, updated, t.assigned_to_id ?? t.reporter_id));
    }
  }
  for (const c of store.of('comments', space.id)) {
    const t = store.ticketById(space.id, c.ticket_id);
    if (!t) continue;
    add(Date.parse(c.created_on), () => ({
      date: isoSeconds(Date.parse(c.created_on)).replace('Z', '+00:00'),
      operation: 'commented',
      ...base('Ticket Comment', String(c.id), `#${t.number} ${t.summary}`, `tickets/${t.number}`, c.user_id),
      whatchanged: c.ticket_changes === '--- []\n' ? '' : 'status',
      ticket: { id: t.id, number: t.number, summary: t.summary, operation: 'commented' },
      comment_or_description: c.comment.slice(0, 80),
    }));
  }
  const pages = new Map(store.of('wikiPages', space.id).map((p) => [p.id, p]));
  for (const v of store.of('wikiVersions', space.id)) {
    const page = pages.get(v.wiki_page_id);
    if (!page) continue;
    add(Date.parse(v.created_at), () => ({
      date: isoSeconds(Date.parse(v.created_at)).replace('Z', '+00:00'),
      operation: v.version === 1 ? 'created' : 'updated',
      ...base('Wiki Page', page.id, page.page_name, `wiki/show/${encodeURIComponent(page.page_name)}`, v.user_id),
    }));
  }
  for (const d of store.of('documents', space.id)) {
    add(Date.parse(d.created_at), () => ({
      date: isoSeconds(Date.parse(d.created_at)).replace('Z', '+00:00'),
      operation: 'uploaded',
      ...base('Document', d.id, d.name, `documents/${d.id}`, d.created_by),
    }));
  }
  for (const m of store.milestones(space.id)) {
    add(Date.parse(m.created_at), () => ({
      date: isoSeconds(Date.parse(m.created_at)).replace('Z', '+00:00'),
      operation: 'created',
      ...base('Milestone', String(m.id), m.title, `milestones/${m.id}`, m.created_by),
    }));
  }
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
