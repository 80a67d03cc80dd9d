import { SpaceTool, UserRole } from '../codecs';
import { ResourceRow, defineResource } from './row';

/** A space's tools (digest §5), unpaged. */
export const spaceTools: ResourceRow<SpaceTool> = defineResource<SpaceTool>({
  name: 'space tool',
  tag: 'spaceTools',
  codec: SpaceTool,
  from: { space: { path: '/spaces/{space}/space_tools' } },
  identity: 'id',
});

/** A space's user roles (digest §14), unpaged. */
export const userRoles: ResourceRow<UserRole> = defineResource<UserRole>({
  name: 'user role',
  tag: 'userRoles',
  codec: UserRole,
  from: { space: { path: '/spaces/{space}/user_roles' } },
  identity: 'id',
});
