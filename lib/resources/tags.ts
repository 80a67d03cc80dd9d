import { Tag } from '../codecs';
import { ResourceRow, defineResource } from './row';

/**
 * Tags (digest §12): a space's, in every state, paged 25 at a time (the documented default: a
 * larger page the server might cap would end the list early), or one state's list; a ticket's, unpaged.
 */
export const tags: ResourceRow<Tag> = defineResource<Tag>({
  name: 'tag',
  tag: 'tags',
  codec: Tag,
  from: {
    space: { path: '/spaces/{space}/tags', paged: true },
    ticket: { path: '/spaces/{space}/tickets/{number}/tags' },
  },
  lists: {
    active: { path: '/spaces/{space}/tags/active', paged: true },
    proposed: { path: '/spaces/{space}/tags/proposed', paged: true },
    hidden: { path: '/spaces/{space}/tags/hidden', paged: true },
  },
  lookups: [{ by: 'id', path: '/spaces/{space}/tags/{id}' }],
  perPage: 25,
  identity: 'id',
  describe: (t) => `tag "${t.name}"`,
  example: "tag({ name: 'Core' })",
});
