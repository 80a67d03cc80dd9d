import { Space, type SpaceData } from '../codecs/space';
import { ResourceRow, defineResource } from './row';

/** Spaces: the caller's list (unpaged), and one space by id or wiki_name (digest §4). */
export const spaces: ResourceRow<SpaceData> = defineResource<SpaceData>({
  name: 'space',
  tag: 'spaces',
  codec: Space,
  from: { api: { path: '/spaces' } },
  lookups: [
    { by: 'id', path: '/spaces/{id}' },
    { by: 'wiki_name', path: '/spaces/{wiki_name}' },
  ],
  identity: 'id',
  describe: (s) => `space ${s.id}`,
  example: "space({ name: 'Big Project' })",
  isSpace: true,
});
