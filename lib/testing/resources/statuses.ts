// Ticket statuses (digest §8): by list_order, unpaged; their wire type and seed. Writes: 201 +
// Location + the status, appended at the end of list_order (spec/fixtures/recordings/ticket-statuses/
// create.json), 204 for updates and deletes (edit.json, delete.json). A ticket's `status` is its
// status's name and its `state` the status's state, so renaming a status or changing its state
// changes its tickets; deleting one leaves its tickets as they are (the digest does not say).
import { attributes, type FieldErrors } from '../http/body';
import { json, list, noContent, notFound, unprocessable } from '../http/replies';
import { isoSeconds } from '../http/time';
import { Validation } from '../http/validation';
import { found, inSpace, type Context } from './context';
import type { FakeResource } from './resource';
import type { WireSpace } from './spaces';
import type { Store } from './store';

/** A ticket status of a space (`GET /spaces/:space/tickets/statuses`). */
export interface WireStatus {
  id: number;
  space_tool_id: string;
  name: string;
  state: number;
  list_order: number;
  created_at: string;
  updated_at: string;
}

const OPEN_STATUSES = ['New', 'Accepted', 'Test'];
export const CLOSED_STATUSES = ['Fixed', 'Invalid'];

/** A space's statuses: Big Project also has 'Code Review'; each takes its id from `nextId`. */
export function makeStatuses(space: WireSpace, toolId: string, big: boolean, nextId: () => number): WireStatus[] {
  const statusNames = big
    ? [...OPEN_STATUSES, 'Code Review', ...CLOSED_STATUSES]
    : [...OPEN_STATUSES, ...CLOSED_STATUSES];
  const createdMs = Date.parse(space.created_at);
  return statusNames.map((name, i) => ({
    id: nextId(),
    space_tool_id: toolId,
    name,
    state: CLOSED_STATUSES.includes(name) ? 0 : 1,
    list_order: i + 1,
    created_at: isoSeconds(createdMs),
    updated_at: isoSeconds(createdMs),
  }));
}

/** `GET /spaces/:space/tickets/statuses`: by list_order, unpaged. */
const listStatuses = inSpace(({ store }, space) =>
  list([...store.statuses(space.id)].sort((a, b) => a.list_order - b.list_order)),
);

const getStatus = inSpace(({ store, params }, space) =>
  found(store.statuses(space.id).find((s) => s.id === Number(params.id))),
);

/** `POST /spaces/:space/tickets/statuses`: `name` required and unique; `state` default 1 (open). */
const createStatus = inSpace((ctx, space) => {
  const statuses = ctx.store.statuses(space.id);
  const now = isoSeconds(ctx.now);
  const draft: WireStatus = {
    id: 0,
    space_tool_id: ticketToolId(ctx.store, space.id),
    name: '',
    state: 1,
    list_order: statuses.reduce((max, s) => Math.max(max, s.list_order), 0) + 1,
    created_at: now,
    updated_at: now,
  };
  const result = applyStatus(ctx, statuses, draft, true);
  if ('errors' in result) return unprocessable(result.errors);
  const status = { ...result.status, id: ctx.store.nextId('statuses') };
  (ctx.store.data.statuses[space.id] ??= []).push(status);
  ctx.store.touch(space.id);
  return json(status, 201, { Location: `${ctx.baseUrl}/v1/spaces/${space.id}/tickets/statuses/${status.id}` });
});

/** `PUT /spaces/:space/tickets/statuses/:id`: 204; its tickets follow a new name or state. */
const updateStatus = inSpace((ctx, space) => {
  const statuses = ctx.store.statuses(space.id);
  const i = statuses.findIndex((s) => s.id === Number(ctx.params.id));
  if (i < 0) return notFound();
  const before = statuses[i];
  const result = applyStatus(ctx, statuses, before, false);
  if ('errors' in result) return unprocessable(result.errors);
  const after = { ...result.status, updated_at: isoSeconds(ctx.now) };
  statuses[i] = after;
  if (after.name !== before.name || after.state !== before.state) {
    const tickets = ctx.store.tickets(space.id);
    tickets.forEach((t, j) => {
      if (t.status === before.name) tickets[j] = { ...t, status: after.name, state: after.state };
    });
  }
  ctx.store.touch(space.id);
  return noContent();
});

/** `DELETE /spaces/:space/tickets/statuses/:id`: 204. */
const deleteStatus = inSpace((ctx, space) => {
  const statuses = ctx.store.statuses(space.id);
  const i = statuses.findIndex((s) => s.id === Number(ctx.params.id));
  if (i < 0) return notFound();
  statuses.splice(i, 1);
  ctx.store.touch(space.id);
  return noContent();
});

function applyStatus(
  ctx: Context,
  statuses: readonly WireStatus[],
  current: WireStatus,
  creating: boolean,
): { status: WireStatus } | { errors: FieldErrors } {
  const attrs = attributes(ctx.body, 'status');
  const v = new Validation();
  const status = { ...current };
  if (creating || attrs.name !== undefined) {
    const others = statuses.filter((s) => s.id !== current.id).map((s) => s.name);
    status.name = v.name('name', attrs.name, others) ?? status.name;
  }
  if (attrs.state !== undefined) status.state = v.oneOf('state', attrs.state, [0, 1]) ?? status.state;
  if (attrs.list_order !== undefined)
    status.list_order = v.integer('list_order', attrs.list_order) ?? status.list_order;
  return v.failed ? { errors: v.errors } : { status };
}

/**
 * The id of a space's Tickets tool (tool_id 13), which statuses and custom fields name as `space_tool_id`.
 * @example
 * ticketToolId(store, space.id); // e.g. 'c24JsYpKCr5iPecaaN1ZW_'
 */
export function ticketToolId(store: Store, spaceId: string): string {
  return (
    store.statuses(spaceId)[0]?.space_tool_id ?? store.of('spaceTools', spaceId).find((t) => t.tool_id === 13)?.id ?? ''
  );
}

export const statuses: FakeResource = {
  name: 'status',
  routes: [
    ['GET', '/spaces/:space/tickets/statuses', listStatuses],
    ['GET', '/spaces/:space/tickets/statuses/:id', getStatus],
    ['POST', '/spaces/:space/tickets/statuses', createStatus],
    ['PUT', '/spaces/:space/tickets/statuses/:id', updateStatus],
    ['DELETE', '/spaces/:space/tickets/statuses/:id', deleteStatus],
  ],
};
