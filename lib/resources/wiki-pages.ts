import { WikiPage, WikiVersion } from '../codecs';
import { AttributeType, ResourceRow, Writes, defineResource } from './row';

/**
 * A space's wiki pages (digest §16; paging undocumented: read in pages). A page by `page_name` is
 * one GET by name, which the docs only hint at (the Location of a created page uses the name):
 * on a 404 the list is read instead.
 */
export const wikiPages: ResourceRow<WikiPage> = defineResource<WikiPage>({
  name: 'wiki page',
  tag: 'wikiPages',
  codec: WikiPage,
  from: { space: { path: '/spaces/{space}/wiki_pages', paged: 'maybe' } },
  lookups: [
    { by: 'id', path: '/spaces/{space}/wiki_pages/{id}' },
    { by: 'page_name', path: '/spaces/{space}/wiki_pages/{page_name}', unconfirmed: true },
  ],
  identity: 'id',
  describe: (p) => `wiki page "${p.page_name}"`,
  example: "wikiPage({ page_name: 'Home' })",
});

/** A wiki page's versions (digest §16), unpaged. */
export const wikiVersions: ResourceRow<WikiVersion> = defineResource<WikiVersion>({
  name: 'wiki version',
  tag: 'wikiVersions',
  codec: WikiVersion,
  from: { 'wiki page': { path: '/spaces/{space}/wiki_pages/{id}/versions' } },
  identity: 'id',
  order: (a, b) => a.version - b.version,
});

/**
 * What a wiki page write may set (digest §16; the attributes the local server takes:
 * lib/testing/resources/wiki.ts). Every save of new `contents` is a new version.
 *
 * @example space$.pipe(wikiPage({ page_name: 'Setup' }), updateWikiPage({ contents: '<p>Done</p>' }))
 */
export interface WikiPageAttributes {
  /** Unique in the space, at most 50 characters. */
  readonly page_name?: string;
  readonly contents?: string;
  /** The parent page's id, or null for a top-level page. */
  readonly parent_id?: string | null;
  /** 0 private, 1 active, 2 archived. */
  readonly status?: 0 | 1 | 2;
  /** 3 HTML (the default), 2 Textile; the gem allows 0 to 5. */
  readonly wiki_format?: 0 | 1 | 2 | 3 | 4 | 5;
  readonly position?: number;
  /** What this save changed, kept with its version. */
  readonly change_comment?: string | null;
}

/**
 * A new wiki page's attributes: `page_name` and `contents` are required.
 *
 * @example space$.pipe(createWikiPage({ page_name: 'Setup', contents: '<p>TODO</p>' }))
 */
export interface NewWikiPage extends WikiPageAttributes {
  readonly page_name: string;
  readonly contents: string;
}

const attributes: Readonly<Record<keyof NewWikiPage, AttributeType>> = {
  page_name: 'string',
  contents: 'string',
  parent_id: 'string?',
  status: [0, 1, 2],
  wiki_format: [0, 1, 2, 3, 4, 5],
  position: 'integer',
  change_comment: 'string?',
};

/**
 * Wiki page writes (digest §16; spec/fixtures/recordings/wiki-pages/create.json, edit.json,
 * delete.json, delete-container.json): POST answers 201 with the page, PUT 204, both DELETEs 204.
 * `DELETE .../all` (the gem's `delete`) and `.../container` (its `delete_parent`) differ in what
 * happens to the pages under it, which the API does not say (the local server: `all` takes them
 * along, `container` moves them up): after a delete every cached wiki page goes, lists and lookups.
 * A new page is listed last (lib/testing/resources/wiki.ts; the recorded positions grow), and a
 * save makes a version: the cached versions lists are read again.
 */
// A plain object, not a call: a bundler drops it from a page that only reads (a call it would keep).
export const wikiPageWrites: Writes<WikiPage> = {
  row: wikiPages,
  attributes,
  create: {
    path: '/spaces/{space}/wiki_pages',
    body: { encoding: 'rails', key: 'wiki_page' },
    required: ['page_name', 'contents'],
    appends: true,
    // Page names are unique in a space (the server trims them).
    find: { path: '/spaces/{space}/wiki_pages', match: (p, sent) => p.page_name === String(sent.page_name).trim() },
  },
  update: {
    path: '/spaces/{space}/wiki_pages/{id}',
    body: { encoding: 'rails', key: 'wiki_page' },
    changes: () => [wikiVersions],
  },
  delete: {
    path: '/spaces/{space}/wiki_pages/{id}/all',
    variants: { container: '/spaces/{space}/wiki_pages/{id}/container' },
    changes: () => [wikiPages, wikiVersions],
  },
};
