import { SpaceTool, UserRole } from '../codecs';
import { ResourceRow, defineResource } from './row';

/** A space's tools (digest §5), unpaged. */
export const spaceTools: ResourceRow<SpaceTool> = defineResource<SpaceTool>({
  name: 'space tool',
  codec: SpaceTool,
  from: { space: { path: '/spaces/{space}/space_tools' } },
  identity: 'id',
  example: "spaceTools({ menu_name: 'Tickets' })",
});

/** A space's user roles (digest §14), unpaged. */
export const userRoles: ResourceRow<UserRole> = defineResource<UserRole>({
  name: 'user role',
  codec: UserRole,
  from: { space: { path: '/spaces/{space}/user_roles' } },
  identity: 'id',
  example: "userRoles({ role: 'owner' })",
});
