// Ticket components (digest §11, deprecated): `{ id, name }`, unpaged; never recorded.
import { list } from '../http/replies';
import { found, inSpace } from './context';
import type { FakeResource, SeedContext } from './resource';

/** A ticket component. */
export interface WireComponent {
  id: number;
  name: string;
}

/** Big Project: Frontend, Backend, Infrastructure; other spaces none. */
function seed(ctx: SeedContext): void {
  ctx.data.components[ctx.space.id] = ctx.big
    ? ['Frontend', 'Backend', 'Infrastructure'].map((name) => ({ id: ctx.nextId('component'), name }))
    : [];
}

export const components: FakeResource = {
  name: 'component',
  routes: [
    ['GET', '/spaces/:space/ticket_components', inSpace(({ store }, s) => list(store.of('components', s.id)))],
    [
      'GET',
      '/spaces/:space/ticket_components/:id',
      inSpace(({ store, params }, s) => found(store.of('components', s.id).find((c) => c.id === Number(params.id)))),
    ],
  ],
  seed,
};
