import { Document } from '../codecs';
import { ResourceRow, defineResource } from './row';

/**
 * Documents (digest §18): a space's files (paging undocumented: read in pages, which costs nothing
 * extra when the list fits in one), or a ticket's attachments (unpaged). The bytes are a download.
 */
export const documents: ResourceRow<Document> = defineResource<Document>({
  name: 'document',
  tag: 'documents',
  codec: Document,
  from: {
    space: { path: '/spaces/{space}/documents', paged: 'maybe' },
    ticket: { path: '/spaces/{space}/tickets/{number}/attachments' },
  },
  lookups: [{ by: 'id', path: '/spaces/{space}/documents/{id}' }],
  identity: 'id',
  describe: (d) => `document "${d.name}"`,
  example: "spaceDocument({ name: 'spec.pdf' })",
  // The server may redirect it to file storage (digest §18).
  download: '/spaces/{space}/documents/{id}/download',
});
