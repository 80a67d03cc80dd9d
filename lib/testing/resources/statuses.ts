// Ticket statuses (digest §8): by list_order, unpaged. Wire type and seed: data.ts.
import { found, inSpace } from '../context';
import { list } from '../replies';
import type { FakeResource } from './resource';

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
