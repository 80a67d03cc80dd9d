import { User } from '../codecs/user';
import { ResourceRow, defineResource } from './row';

/**
 * The caller (`GET /user`, digest §14): a user, but of no space, so its own kind (no operator reads
 * a space's lists from it). Its own row, so `API` needs no other.
 */
export const me: ResourceRow<User> = defineResource<User>({
  name: 'caller',
  tag: 'caller',
  codec: User,
  from: { api: { path: '/user' } },
  identity: 'id',
});
