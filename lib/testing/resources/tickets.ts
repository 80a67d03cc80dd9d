// Tickets (digest §6): reports, scoped lists, lookups by number and id, writes (201 + Location + the
// full object, 204 for updates and deletes, 422 with Rails' error map, digest §1, §21); their wire
// type and seed. The sorted, cached report views: ticket-reports.ts. Field order, JSON types and
// oddities follow the recordings (spec/fixtures/recordings/): e.g. `status` is the status name and
// there is no `status_name`.
import { bag, type Random } from '../chaos/random';
import { attributes, nullable, toInt, type FieldErrors } from '../http/body';
import { pageOf, paging } from '../http/paging';
import { json, list, noContent, notFound, unprocessable, type Reply } from '../http/replies';
import { slug } from '../http/slug';
import { isoSeconds } from '../http/time';
import { recordEvent, ticketEvent } from './activity';
import { found, inSpace, type Context } from './context';
import type { WireMilestone } from './milestones';
import type { FakeResource } from './resource';
import { DAY, EPOCH } from './seed';
import type { WireSpace } from './spaces';
import { CLOSED_STATUSES, type WireStatus } from './statuses';
import { isFollowedBy, numberSelection, reportView, selectionView } from './ticket-reports';
import type { WireUser } from './users';

/** A ticket. `status` is the status name, `state` 1 open / 0 closed. */
export interface WireTicket {
  id: number;
  number: number;
  summary: string;
  description: string | null;
  priority: number;
  completed_date: string | null;
  component_id: number | null;
  created_on: string;
  permission_type: number;
  importance: number;
  is_story: boolean;
  milestone_id: number | null;
  notification_list: string;
  space_id: string;
  state: number;
  status: string;
  story_importance: number;
  updated_at: string;
  working_hours: number;
  estimate: number;
  total_estimate: number;
  total_invested_hours: number;
  total_working_hours: number;
  assigned_to_id: string | null;
  reporter_id: string;
  custom_fields: Record<string, string>;
  hierarchy_type: number;
}

const IST = 330; // some tickets come back at +05:30
const BIG_STATUSES = bag({ New: 25, Accepted: 20, Test: 10, 'Code Review': 10, Fixed: 25, Invalid: 10 });
const OTHER_STATUSES = bag({ New: 30, Accepted: 25, Test: 10, Fixed: 25, Invalid: 10 });
const PRIORITIES = bag({ 1: 5, 2: 15, 3: 55, 4: 15, 5: 10 }).map(Number);

const VERBS = [
  'Fix',
  'Add',
  'Improve',
  'Refactor',
  'Remove',
  'Document',
  'Test',
  'Speed up',
  'Redesign',
  'Investigate',
];
const THINGS = [
  'login form',
  'ticket list',
  'search',
  'export to CSV',
  'email notifications',
  'user avatars',
  'billing page',
  'API rate limits',
  'dashboard',
  'milestone report',
  'file uploads',
  'password reset',
  'dark mode',
  'sync job',
  'audit log',
];
const TAILS = [
  '',
  '',
  '',
  ' on Safari',
  ' for admins',
  ' after upgrade',
  ' in production',
  ' (regression)',
  ' on mobile',
  ' with large spaces',
];
const ESTIMATES = [1.0, 1.0, 1.0, 0.5, 2.0, 4.0, 8.0]; // 1.0 is Assembla's default
const WORKING_HOURS = [0.0, 0.0, 1.5, 3.0];
const INVESTED_HOURS = [0.0, 0.5, 1.0];
const BUILDS = ['1.0.3', '1.1.0', '1.2.0-rc1', '1.2.0', '2.0.0-beta'];
const CUSTOMERS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella'];

/** What makeTickets generates: `count` tickets of a space, ids from `firstId`. */
export interface TicketPlan {
  count: number;
  firstId: number;
  space: WireSpace;
  users: WireUser[];
  me: WireUser;
  milestones: WireMilestone[];
  statuses: WireStatus[];
  big: boolean;
}

/** A space's seeded tickets, by number ascending (see generateData for the invariants of Big Project). */
export function makeTickets(random: Random, plan: TicketPlan): WireTicket[] {
  const { count, space, users, me, milestones, statuses, big } = plan;
  const rc1 = milestones.find((m) => m.title === 'Release Candidate 1');
  const special = Math.min(201, count); // the seed README's ticket 201
  const someoneElse = users[1] ?? users[0];
  const stateOf = new Map(statuses.map((s) => [s.name, s.state]));
  const statusBag = big ? BIG_STATUSES : OTHER_STATUSES;
  const spanMs = 540 * DAY;
  const out = new Array<WireTicket>(count);

  for (let i = 0; i < count; i++) {
    const number = i + 1;
    const milestone = random.chance(0.2) ? null : random.pick(milestones);
    let status: string =
      milestone?.is_completed && random.chance(0.9) ? random.pick(CLOSED_STATUSES) : random.pick(statusBag);
    let assignee = random.chance(0.15) ? null : random.pick(users);
    let priority = random.pick(PRIORITIES);
    let milestoneId = milestone?.id ?? null;
    if (big && number === special) {
      status = 'Test';
      assignee = me;
      priority = 1;
      milestoneId = rc1?.id ?? milestoneId;
    } else if (big && number === 301) {
      milestoneId = rc1?.id ?? milestoneId;
      assignee = someoneElse;
    }
    // John has one Test ticket
    if (big && number !== special && assignee === me && status === 'Test') status = 'Code Review';

    const state = stateOf.get(status) ?? 1;
    // Number order follows creation order, as in a real space.
    const createdMs = EPOCH + Math.floor((i / Math.max(1, count)) * spanMs) + random.int(0, 3600) * 1000;
    const updatedMs = createdMs + random.int(0, 45 * 24) * 3_600_000 + random.int(0, 3599) * 1000;
    const offset = random.chance(0.1) ? IST : 0;
    const reporter = random.pick(users);
    const estimate = random.pick(ESTIMATES);
    const working = state === 1 ? random.pick(WORKING_HOURS) : 0.0;
    const story = random.chance(0.05);
    out[i] = {
      id: plan.firstId + i,
      number,
      summary: `${random.pick(VERBS)} ${random.pick(THINGS)}${random.pick(TAILS)}`,
      description: random.chance(0.1)
        ? null
        : random.chance(0.05)
          ? ''
          : `Steps to reproduce are in the linked report (#${number}).`,
      priority,
      completed_date: state === 0 ? isoSeconds(updatedMs, offset) : null,
      component_id: null,
      created_on: isoSeconds(createdMs, offset),
      permission_type: random.chance(0.05) ? 1 : 0,
      importance: random.chance(0.8) ? -1.0 : random.int(0, 400) / 4,
      is_story: story,
      milestone_id: milestoneId,
      notification_list: assignee && assignee.id !== reporter.id ? `${reporter.id},${assignee.id}` : reporter.id,
      space_id: space.id,
      state,
      status,
      story_importance: 0,
      updated_at: isoSeconds(updatedMs, offset),
      working_hours: working,
      estimate,
      total_estimate: estimate,
      total_invested_hours: state === 0 ? estimate : random.pick(INVESTED_HOURS),
      total_working_hours: working,
      assigned_to_id: assignee?.id ?? null,
      reporter_id: reporter.id,
      custom_fields: big
        ? {
            Build: random.chance(0.6) ? random.pick(BUILDS) : '',
            Customer: random.chance(0.3) ? random.pick(CUSTOMERS) : '',
          }
        : {},
      hierarchy_type: story ? 2 : 0,
    };
  }
  return out;
}

/** `POST /spaces/:space/tickets`: `summary` is required; the rest takes Assembla's defaults. */
const createTicket = inSpace((ctx, space) => {
  const attrs = attributes(ctx.body, 'ticket');
  const me = ctx.store.data.me.id;
  const now = isoSeconds(ctx.now);
  const tickets = ctx.store.tickets(space.id);
  const customFields = Object.fromEntries(Object.keys(tickets[0]?.custom_fields ?? {}).map((title) => [title, '']));
  const draft: WireTicket = {
    id: 0,
    number: (tickets[tickets.length - 1]?.number ?? 0) + 1,
    summary: '',
    description: null,
    priority: 3,
    completed_date: null,
    component_id: null,
    created_on: now,
    permission_type: 0,
    importance: -1.0,
    is_story: false,
    milestone_id: null,
    notification_list: me,
    space_id: space.id,
    state: 1,
    status: 'New',
    story_importance: 0,
    updated_at: now,
    working_hours: 0.0,
    estimate: 1.0,
    total_estimate: 1.0,
    total_invested_hours: 0.0,
    total_working_hours: 0.0,
    assigned_to_id: null,
    reporter_id: me,
    custom_fields: customFields,
    hierarchy_type: 0,
  };
  const result = applyTicket(ctx, space, draft, attrs, true);
  if ('errors' in result) return unprocessable(result.errors);
  const ticket = { ...result.ticket, id: ctx.store.nextTicketId() };
  ctx.store.addTicket(ticket);
  recordEvent(ctx, space, ticketEvent(ticket, 'created'));
  return json(ticket, 201, { Location: ticketLocation(ctx.baseUrl, ticket) });
});

/**
 * A ticket's address as a Location header gives it: `/tickets/<number>-<slug of the summary>`.
 * @example
 * ticketLocation('http://127.0.0.1:3000', ticket); // 'http://127.0.0.1:3000/v1/spaces/<id>/tickets/31-first-one'
 */
export function ticketLocation(baseUrl: string, t: WireTicket): string {
  return `${baseUrl}/v1/spaces/${t.space_id}/tickets/${t.number}-${slug(t.summary)}`;
}

/** `PUT /spaces/:space/tickets/:number`: 204. */
const updateTicket = inSpace((ctx, space) => {
  const current = ctx.store.ticketByNumber(space.id, Number(ctx.params.number));
  if (!current) return notFound();
  const result = applyTicket(ctx, space, current, attributes(ctx.body, 'ticket'), false);
  if ('errors' in result) return unprocessable(result.errors);
  const ticket = { ...result.ticket, updated_at: isoSeconds(ctx.now) };
  ctx.store.replaceTicket(ticket);
  recordEvent(ctx, space, ticketEvent(ticket, updateOperation(current, ticket)));
  return noContent();
});

/** `DELETE /spaces/:space/tickets/:number`: 204. */
const deleteTicket = inSpace((ctx, space) => {
  const ticket = ctx.store.ticketByNumber(space.id, Number(ctx.params.number));
  if (!ticket) return notFound();
  ctx.store.removeTicket(space.id, ticket.number);
  removeParts(ctx, space.id, ticket.id);
  recordEvent(ctx, space, ticketEvent(ticket, 'deleted'));
  return noContent();
});

// What belongs to a deleted ticket goes with it: its comments, associations, tags and attachments
// (and their bytes), so that no list still names it [A: unrecorded].
function removeParts(ctx: Context, spaceId: string, ticketId: number): void {
  const drop = <T>(list: T[], of: (item: T) => boolean): T[] => {
    const gone = list.filter(of);
    for (let i = list.length - 1; i >= 0; i--) if (of(list[i])) list.splice(i, 1);
    return gone;
  };
  drop(ctx.store.of('comments', spaceId), (c) => c.ticket_id === ticketId);
  drop(ctx.store.of('associations', spaceId), (a) => a.ticket1_id === ticketId || a.ticket2_id === ticketId);
  drop(ctx.store.of('ticketTags', spaceId), (t) => t.ticket_id === ticketId);
  for (const d of drop(ctx.store.of('documents', spaceId), (d) => d.ticket_id === ticketId))
    delete ctx.store.data.files[d.id];
}

// A status change names the new status, as the digest's sample operations do (§15: `set to
// fixed`, `set back to new`); any other change is `updated`.
function updateOperation(before: WireTicket, after: WireTicket): string {
  if (before.status === after.status) return 'updated';
  const back = before.state === 0 && after.state === 1 ? 'back ' : '';
  return `set ${back}to ${after.status.toLowerCase()}`;
}

// Copies the writable attributes that are present onto a new ticket object, checking each.
function applyTicket(
  ctx: Context,
  space: WireSpace,
  current: WireTicket,
  attrs: Record<string, unknown>,
  creating: boolean,
): { ticket: WireTicket } | { errors: FieldErrors } {
  const t: WireTicket = { ...current, custom_fields: { ...current.custom_fields } };
  const errors: FieldErrors = {};
  const fail = (field: string, message: string): void => void (errors[field] ??= []).push(message);
  const has = (field: string): boolean => attrs[field] !== undefined;

  if (creating || has('summary')) {
    const summary =
      typeof attrs.summary === 'string' || typeof attrs.summary === 'number' ? String(attrs.summary).trim() : '';
    if (summary === '') fail('summary', "can't be blank");
    else t.summary = summary;
  }
  if (has('description')) t.description = attrs.description === null ? null : String(attrs.description);
  if (has('notification_list')) t.notification_list = String(attrs.notification_list);
  if (has('priority')) {
    const p = toInt(attrs.priority);
    if (p === undefined || p < 1 || p > 5) fail('priority', 'is not included in the list');
    else t.priority = p;
  }
  for (const field of ['permission_type', 'story_importance', 'hierarchy_type'] as const) {
    if (!has(field)) continue;
    const n = toInt(attrs[field]);
    if (n === undefined) fail(field, 'is not a number');
    else t[field] = n;
  }
  for (const field of ['working_hours', 'estimate'] as const) {
    if (!has(field)) continue;
    const n = Number(attrs[field]);
    if (!Number.isFinite(n)) fail(field, 'is not a number');
    else t[field] = n;
  }
  t.total_estimate = t.estimate;
  t.total_working_hours = t.working_hours;
  if (has('is_story')) t.is_story = attrs.is_story === true || attrs.is_story === 'true' || attrs.is_story === 1;
  if (has('created_on')) {
    const ms = Date.parse(String(attrs.created_on));
    if (Number.isNaN(ms)) fail('created_on', 'is invalid');
    else t.created_on = isoSeconds(ms);
  }
  if (has('status')) {
    const status = ctx.store
      .statuses(space.id)
      .find((s) => s.name.toLowerCase() === String(attrs.status).toLowerCase());
    if (!status) fail('status', 'is invalid');
    else {
      if (status.state === 0 && t.state !== 0) t.completed_date = isoSeconds(ctx.now);
      if (status.state === 1) t.completed_date = null;
      t.status = status.name;
      t.state = status.state;
    }
  }
  if (has('milestone_id')) {
    const id = nullable(attrs.milestone_id, toInt);
    if (id === undefined || (id !== null && !ctx.store.milestone(space.id, id))) fail('milestone_id', 'is invalid');
    else t.milestone_id = id;
  }
  if (has('component_id')) {
    const id = nullable(attrs.component_id, toInt);
    if (id === undefined) fail('component_id', 'is invalid');
    else t.component_id = id;
  }
  if (has('assigned_to_id')) {
    const ref = nullable(attrs.assigned_to_id, String);
    const user = ref === null ? null : ctx.store.users(space.id).find((u) => u.id === ref || u.login === ref);
    if (user === undefined) fail('assigned_to_id', 'is invalid');
    else t.assigned_to_id = user?.id ?? null;
  }
  if (has('custom_fields') && typeof attrs.custom_fields === 'object' && attrs.custom_fields !== null) {
    for (const [title, value] of Object.entries(attrs.custom_fields)) {
      if (title in t.custom_fields) t.custom_fields[title] = value === null ? '' : String(value);
    }
  }
  return Object.keys(errors).length > 0 ? { errors } : { ticket: t };
}

/** Digest §3.1: every ticket list (tag tickets too) pages by 10. */
export const TICKETS_PER_PAGE = 10;

/** `GET /spaces/:space/tickets`: a report (default 1, active tickets), `sort_by`/`sort_order`, paged. */
const listTickets = inSpace((ctx, space) => {
  const selected = numberSelection(ctx.store, space.id, ctx.query);
  if (selected) return list(selected);
  const tickets = reportView(ctx.store, space.id, ctx.store.data.me.id, ctx.query);
  return tickets ? ticketPage(ctx, tickets) : notFound();
});

/** `GET /spaces/:space/tickets/milestone/:id`: all the milestone's tickets, open and closed, by number. */
const listMilestoneTickets = inSpace((ctx, space) => {
  const id = Number(ctx.params.id);
  if (!ctx.store.milestone(space.id, id)) return notFound();
  return ticketPage(
    ctx,
    selectionView(ctx.store, space.id, `milestone=${id}`, (t) => t.milestone_id === id),
  );
});

const listTicketsWithoutMilestone = inSpace((ctx, space) =>
  ticketPage(
    ctx,
    selectionView(ctx.store, space.id, 'no_milestone', (t) => t.milestone_id === null),
  ),
);

/** `GET /spaces/:space/tickets/my_active`: open tickets assigned to the caller. */
const listMyActiveTickets = inSpace((ctx, space) => {
  const me = ctx.store.data.me.id;
  return ticketPage(
    ctx,
    selectionView(ctx.store, space.id, 'my_active', (t) => t.assigned_to_id === me && t.state === 1),
  );
});

/** `GET /spaces/:space/tickets/my_followed`: tickets the caller reported or is notified of. */
const listMyFollowedTickets = inSpace((ctx, space) => {
  const me = ctx.store.data.me.id;
  return ticketPage(
    ctx,
    selectionView(ctx.store, space.id, 'my_followed', (t) => isFollowedBy(t, me)),
  );
});

const getTicket = inSpace(({ store, params }, space) => found(store.ticketByNumber(space.id, Number(params.number))));

const getTicketById = inSpace(({ store, params }, space) => found(store.ticketById(space.id, Number(params.id))));

/**
 * One page of tickets, 10 by default.
 * @example
 * ticketPage(ctx, tickets); // tickets 11..20 for ?page=2
 */
export function ticketPage({ query }: Context, tickets: readonly WireTicket[]): Reply {
  return list(pageOf(tickets, paging(query, TICKETS_PER_PAGE)));
}

export const tickets: FakeResource = {
  name: 'ticket',
  routes: [
    ['GET', '/spaces/:space/tickets', listTickets],
    ['GET', '/spaces/:space/tickets/my_active', listMyActiveTickets],
    ['GET', '/spaces/:space/tickets/my_followed', listMyFollowedTickets],
    ['GET', '/spaces/:space/tickets/no_milestone', listTicketsWithoutMilestone],
    ['GET', '/spaces/:space/tickets/milestone/:id', listMilestoneTickets],
    ['GET', '/spaces/:space/tickets/id/:id', getTicketById],
    ['GET', '/spaces/:space/tickets/:number', getTicket],
    ['POST', '/spaces/:space/tickets', createTicket],
    ['PUT', '/spaces/:space/tickets/:number', updateTicket],
    ['DELETE', '/spaces/:space/tickets/:number', deleteTicket],
  ],
};
