import { Document } from '../codecs';
import { ResourceRow, defineResource } from './row';

/**
 * Documents (digest §18): a space's files (paging undocumented: read in pages, which costs nothing
 * extra when the list fits in one), or a ticket's attachments (unpaged). The bytes are a download.
 */
export const documents: ResourceRow<Document> = defineResource<Document>({
  name: 'document',
  codec: Document,
  from: {
    space: { path: '/spaces/{space}/documents', paged: 'maybe' },
    ticket: { path: '/spaces/{space}/tickets/{number}/attachments' },
  },
  lookups: [{ by: 'id', path: '/spaces/{space}/documents/{id}' }],
  identity: 'id',
  describe: (d) => `document "${d.name}"`,
  example: "spaceDocument({ name: 'spec.pdf' })",
});

/** Where a document's bytes are (digest §18): the server may redirect to file storage. */
export const DOWNLOAD = '/spaces/{space}/documents/{id}/download';
