// Ticket statuses (digest §8): by list_order, unpaged; their wire type and seed.
import { list } from '../http/replies';
import { isoSeconds } from '../http/time';
import { found, inSpace } from './context';
import type { FakeResource } from './resource';
import type { WireSpace } from './spaces';

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

export const statuses: FakeResource = {
  name: 'status',
  routes: [
    ['GET', '/spaces/:space/tickets/statuses', listStatuses],
    ['GET', '/spaces/:space/tickets/statuses/:id', getStatus],
  ],
};
