// POST/PUT/DELETE of tickets and milestones: 201 + Location + the full object, 204 for updates and
// deletes, 422 with Rails' error map for invalid attributes (digest §1, §6, §13, §21).
import { attributes } from './body';
import { inSpace, type Context } from './context';
import { prettyReleaseLevel, slug, type WireMilestone, type WireSpace, type WireTicket } from './data';
import { json, noContent, notFound, unprocessable } from './replies';
import { isoDate, isoSeconds } from './time';

type Errors = Record<string, string[]>;

/** `POST /spaces/:space/tickets`: `summary` is required; the rest takes Assembla's defaults. */
export const createTicket = inSpace((ctx, space) => {
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
  return json(ticket, 201, {
    Location: `${ctx.baseUrl}/v1/spaces/${space.id}/tickets/${ticket.number}-${slug(ticket.summary)}`,
  });
});

/** `PUT /spaces/:space/tickets/:number`: 204. */
export const updateTicket = inSpace((ctx, space) => {
  const current = ctx.store.ticketByNumber(space.id, Number(ctx.params.number));
  if (!current) return notFound();
  const result = applyTicket(ctx, space, current, attributes(ctx.body, 'ticket'), false);
  if ('errors' in result) return unprocessable(result.errors);
  ctx.store.replaceTicket({ ...result.ticket, updated_at: isoSeconds(ctx.now) });
  return noContent();
});

/** `DELETE /spaces/:space/tickets/:number`: 204. */
export const deleteTicket = inSpace((ctx, space) => {
  const number = Number(ctx.params.number);
  if (!ctx.store.ticketByNumber(space.id, number)) return notFound();
  ctx.store.removeTicket(space.id, number);
  return noContent();
});

// Copies the writable attributes that are present onto a new ticket object, checking each.
function applyTicket(
  ctx: Context,
  space: WireSpace,
  current: WireTicket,
  attrs: Record<string, unknown>,
  creating: boolean,
): { ticket: WireTicket } | { errors: Errors } {
  const t: WireTicket = { ...current, custom_fields: { ...current.custom_fields } };
  const errors: Errors = {};
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

/** `POST /spaces/:space/milestones`: `title` is required. */
export const createMilestone = inSpace((ctx, space) => {
  const me = ctx.store.data.me.id;
  const now = isoSeconds(ctx.now);
  const draft: WireMilestone = {
    id: 0,
    due_date: null,
    title: '',
    user_id: null,
    created_at: now,
    created_by: me,
    space_id: space.id,
    description: null,
    is_completed: false,
    completed_date: null,
    updated_at: now,
    updated_by: me,
    release_level: null,
    release_notes: null,
    planner_type: 0,
    pretty_release_level: 'None',
  };
  const result = applyMilestone(ctx, space, draft, attributes(ctx.body, 'milestone'), true);
  if ('errors' in result) return unprocessable(result.errors);
  const milestone = { ...result.milestone, id: ctx.store.nextMilestoneId() };
  ctx.store.addMilestone(milestone);
  // Recorded oddity: the create answer has completed_date as a datetime, lists have a plain date.
  const answer = milestone.is_completed
    ? { ...milestone, completed_date: isoSeconds(ctx.now).replace('Z', '+00:00') }
    : milestone;
  return json(answer, 201, {
    Location: `${ctx.baseUrl}/v1/spaces/${space.id}/milestones/${milestone.id}-${slug(milestone.title)}`,
  });
});

/** `PUT /spaces/:space/milestones/:id`: 204. */
export const updateMilestone = inSpace((ctx, space) => {
  const current = ctx.store.milestone(space.id, Number(ctx.params.id));
  if (!current) return notFound();
  const result = applyMilestone(ctx, space, current, attributes(ctx.body, 'milestone'), false);
  if ('errors' in result) return unprocessable(result.errors);
  ctx.store.replaceMilestone({
    ...result.milestone,
    updated_at: isoSeconds(ctx.now),
    updated_by: ctx.store.data.me.id,
  });
  return noContent();
});

/** `DELETE /spaces/:space/milestones/:id`: 204; its tickets lose their milestone. */
export const deleteMilestone = inSpace((ctx, space) => {
  const id = Number(ctx.params.id);
  if (!ctx.store.milestone(space.id, id)) return notFound();
  ctx.store.removeMilestone(space.id, id);
  return noContent();
});

function applyMilestone(
  ctx: Context,
  space: WireSpace,
  current: WireMilestone,
  attrs: Record<string, unknown>,
  creating: boolean,
): { milestone: WireMilestone } | { errors: Errors } {
  const m: WireMilestone = { ...current };
  const errors: Errors = {};
  const fail = (field: string, message: string): void => void (errors[field] ??= []).push(message);
  const has = (field: string): boolean => attrs[field] !== undefined;

  if (creating || has('title')) {
    const title = typeof attrs.title === 'string' ? attrs.title.trim() : '';
    if (title === '') fail('title', "can't be blank");
    else m.title = title;
  }
  for (const field of ['description', 'release_notes'] as const) {
    if (has(field)) m[field] = attrs[field] === null ? null : String(attrs[field]);
  }
  if (has('due_date')) {
    const due = nullable(attrs.due_date, (v) =>
      Number.isNaN(Date.parse(String(v))) ? undefined : isoDate(Date.parse(String(v))),
    );
    if (due === undefined) fail('due_date', 'is invalid');
    else m.due_date = due;
  }
  if (has('user_id')) {
    const ref = nullable(attrs.user_id, String);
    const user = ref === null ? null : ctx.store.users(space.id).find((u) => u.id === ref || u.login === ref);
    if (user === undefined) fail('user_id', 'is invalid');
    else m.user_id = user?.id ?? null;
  }
  if (has('release_level')) {
    const level = nullable(attrs.release_level, toInt);
    if (level === undefined || (level !== null && (level < 1 || level > 3)))
      fail('release_level', 'is not included in the list');
    else m.release_level = level;
  }
  m.pretty_release_level = prettyReleaseLevel(m.release_level);
  if (has('planner_type')) {
    const type = toInt(attrs.planner_type);
    if (type === undefined || type < 0 || type > 2) fail('planner_type', 'is not included in the list');
    else m.planner_type = type;
  }
  if (has('is_completed')) {
    const done = attrs.is_completed === true || attrs.is_completed === 'true' || attrs.is_completed === 1;
    if (done && !m.is_completed) m.completed_date = isoDate(ctx.now);
    if (!done) m.completed_date = null;
    m.is_completed = done;
  }
  return Object.keys(errors).length > 0 ? { errors } : { milestone: m };
}

function toInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

// null, '' and undefined mean "none"; anything else goes through `parse` (undefined = invalid).
function nullable<T>(value: unknown, parse: (v: unknown) => T | undefined): T | null | undefined {
  return value === null || value === '' ? null : parse(value);
}
