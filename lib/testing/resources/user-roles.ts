// User roles (digest §14): one per member of a space, unpaged. Recorded shape:
// spec/fixtures/recordings/space-user-roles/get.json.
import { list } from '../http/replies';
import { isoSeconds } from '../http/time';
import { found, inSpace } from './context';
import type { FakeResource, SeedContext } from './resource';

/** A member's role in a space. */
export interface WireUserRole {
  id: number;
  user_id: string;
  space_id: string;
  /** 'watcher', 'member' or 'owner'. */
  role: string;
  status: number;
  invited_time: string;
  agreed_time: string | null;
  title: string | null;
  invited_by_id: string;
}

/** The caller owns every space; the last member of each is a watcher who has not agreed yet. */
function seed(ctx: SeedContext): void {
  const created = Date.parse(ctx.space.created_at);
  ctx.data.userRoles[ctx.space.id] = ctx.users.map((user, i) => {
    const owner = user.id === ctx.me.id;
    const watcher = !owner && i === ctx.users.length - 1;
    return {
      id: ctx.nextId('userRole'),
      user_id: user.id,
      space_id: ctx.space.id,
      role: owner ? 'owner' : watcher ? 'watcher' : 'member',
      status: 1,
      invited_time: isoSeconds(created + i * 3_600_000),
      agreed_time: watcher ? null : isoSeconds(created + i * 3_600_000 + 600_000),
      title: owner ? 'Project lead' : null,
      invited_by_id: ctx.me.id,
    };
  });
}

export const userRoles: FakeResource = {
  name: 'user role',
  routes: [
    ['GET', '/spaces/:space/user_roles', inSpace(({ store }, s) => list(store.of('userRoles', s.id)))],
    [
      'GET',
      '/spaces/:space/user_roles/:id',
      inSpace(({ store, params }, s) => found(store.of('userRoles', s.id).find((r) => r.id === Number(params.id)))),
    ],
  ],
  seed,
};
