import { Document } from '../codecs';
import type { FilePart } from '../transport/multipart';
import { AttributeType, ResourceRow, Writes, defineResource } from './row';

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
    // Oldest first, as the server lists them (store order), so that a new attachment joins the cached list.
    ticket: {
      path: '/spaces/{space}/tickets/{number}/attachments',
      order: (a: Document, b: Document) => a.created_at.getTime() - b.created_at.getTime(),
    },
  },
  lookups: [{ by: 'id', path: '/spaces/{space}/documents/{id}' }],
  identity: 'id',
  describe: (d) => `document "${d.name}"`,
  example: "spaceDocument({ name: 'spec.pdf' })",
  // The server may redirect it to file storage (digest §18).
  download: '/spaces/{space}/documents/{id}/download',
});

/**
 * A file to attach: its name, its bytes, and its type (default: a `Blob`'s own type, else
 * `application/octet-stream`). `data` is sent exactly: a `Uint8Array` or `Buffer` as its own bytes
 * (`byteOffset`, `byteLength`, never the rest of its buffer), a string as UTF-8, a `Blob` as read
 * with `arrayBuffer()`.
 *
 * @example ticket$.pipe(attachFile({ name: 'crash.log', data: 'Segfault at 0x0', contentType: 'text/plain' }))
 */
export interface FileToAttach {
  readonly name: string;
  readonly data: Uint8Array | ArrayBuffer | string | BlobLike;
  readonly contentType?: string;
}

/** What the SDK needs of a browser `Blob` (spelled out, so that the declarations need no DOM types). */
export interface BlobLike {
  readonly type: string;
  /** The bytes, read whole. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** What a document write may set (digest §18): multipart fields `document[...]`. */
export interface DocumentAttributes {
  readonly file: FilePart;
  readonly name?: string;
  readonly description?: string | null;
  /** `Ticket`, `Flow` or `Milestone`. */
  readonly attachable_type?: string;
  /** The global id (not the number) of what it is attached to. */
  readonly attachable_id?: number;
}

const attributes: Readonly<Record<keyof DocumentAttributes, AttributeType>> = {
  file: 'file',
  name: 'string',
  description: 'string?',
  attachable_type: 'string',
  attachable_id: 'integer',
};

/**
 * Document writes (digest §18; spec/fixtures/recordings/space-documents/create.json): POST is
 * multipart/form-data, answered 201 with the document. An attachment bumps its ticket's `updated_at`
 * (the ticket is read again). A create whose answer was lost is looked for among the ticket's
 * attachments: the caller's, with that name.
 */
// A plain object, not a call: a bundler drops it from a page that only reads (a call it would keep).
export const documentWrites: Writes<Document> = {
  row: documents,
  attributes,
  create: {
    path: '/spaces/{space}/documents',
    body: { encoding: 'multipart', key: 'document' },
    required: ['file'],
    touchesParent: true,
    find: {
      path: '/spaces/{space}/tickets/{number}/attachments',
      match: (d, sent, me) => d.created_by === me.id && d.name === sent.name,
    },
  },
};
