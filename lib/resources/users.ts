import { map, switchMap } from 'rxjs';
import { User } from '../codecs/user';
import { ResourceRow, defineResource } from './row';
import { tickets } from './tickets';

/**
 * Users: a space's members (one unpaged request, digest §14); a milestone's are the members assigned
 * to at least one of its tickets.
 */
export const users: ResourceRow<User> = defineResource<User>({
  name: 'user',
  tag: 'users',
  codec: User,
  from: {
    space: { path: '/spaces/{space}/users' },
    milestone: {
      read: (reads) =>
        reads.list(tickets).pipe(
          switchMap((list) => {
            const assignees = new Set(list.map((t) => t.assigned_to_id));
            return reads.spaceList(users).pipe(map((members) => members.filter((u) => assignees.has(u.id))));
          }),
        ),
    },
  },
  identity: 'id',
  describe: (u) => `user "${u.name}"`,
  example: "user({ name: 'John Smith' })",
});
