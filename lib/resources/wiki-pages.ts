import { WikiPage, WikiVersion } from '../codecs';
import { ResourceRow, defineResource } from './row';

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
