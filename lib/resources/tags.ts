import { Tag } from '../codecs';
import { AttributeType, ResourceRow, Writes, defineResource } from './row';

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

/**
 * What a tag write may set (digest §12).
 *
 * @example space$.pipe(tag({ name: 'Idea' }), updateTag({ state: 2 }))
 */
export interface TagAttributes {
  /** Unique in the space. */
  readonly name?: string;
  /** 1 proposed, 2 active, 4 hidden. */
  readonly state?: 1 | 2 | 4 | null;
}

/**
 * A new tag's attributes: `name` is required.
 *
 * @example space$.pipe(createTag({ name: 'Core', state: 2 }))
 */
export interface NewTag extends TagAttributes {
  readonly name: string;
}

const attributes: Readonly<Record<keyof NewTag, AttributeType>> = { name: 'string', state: [1, 2, 4, null] };

/**
 * Tag writes (digest §12; spec/fixtures/recordings/space-tags/create.json): POST answers 201 with
 * the tag, PUT and DELETE 204. A new tag is listed last (lib/testing/resources/tags.ts lists them in
 * creation order). Tickets do not carry their tags' names, so a tag write changes no ticket; a
 * deleted tag leaves the cached tag lists of tickets that held it (as every list of its row), and
 * its list of tickets goes.
 */
// A plain object, not a call: a bundler drops it from a page that only reads (a call it would keep).
export const tagWrites: Writes<Tag> = {
  row: tags,
  attributes,
  create: {
    path: '/spaces/{space}/tags',
    body: { encoding: 'rails', key: 'tag' },
    required: ['name'],
    appends: true,
    // Names are unique in a space (the server trims them); among the first 100.
    find: {
      path: '/spaces/{space}/tags',
      params: { per_page: 100 },
      match: (t, sent) => t.name === String(sent.name).trim(),
    },
  },
  update: { path: '/spaces/{space}/tags/{id}', body: { encoding: 'rails', key: 'tag' } },
  delete: { path: '/spaces/{space}/tags/{id}' },
};
