import { OperatorFunction, concatMap, defer, from } from 'rxjs';
import type { Document, Ticket } from '../codecs';
import { findOperator, listOperator, scoped } from '../engine/operators';
import type { Space } from '../engine/entities';
import type { Filter, SingleFilter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import type { Client } from '../engine/client';
import { linkOf } from '../engine/entities';
import { expandRoute } from '../engine/scope';
import { AttributeError } from '../core/write-errors';
import { kindOf } from '../core/errors';
import { creating } from '../engine/optimistic';
import type { WriteOptions } from '../engine/write';
import { FileToAttach, documentWrites, documents as row } from '../resources/documents';
import { download as downloadBytes } from '../transport/download';

/**
 * The documents (files) of each upstream space that match, read in pages.
 *
 * @example space$.pipe(documents({ content_type: 'application/pdf' }))
 */
export function documents(filter?: Filter<Document>, options?: LiveOptions): OperatorFunction<Space, Document[]> {
  return listOperator(row, { name: 'documents', from: ['space'] }, filter, options);
}

/**
 * The one document of each upstream space that matches: by `id` one request, else from the list.
 * Named so as not to shadow the browser's global `document`.
 *
 * @example space$.pipe(spaceDocument({ name: 'spec.pdf' }), download())
 */
export function spaceDocument(
  filter: SingleFilter<Document>,
  options?: LiveOptions,
): OperatorFunction<Space, Document> {
  return findOperator(row, { name: 'spaceDocument', from: ['space'] }, filter, options);
}

/**
 * The attachments of each upstream ticket that match (documents; their bytes are a `download()`).
 *
 * @example space$.pipe(ticket({ number: 201 }), attachments())
 */
export function attachments(filter?: Filter<Document>, options?: LiveOptions): OperatorFunction<Ticket, Document[]> {
  return listOperator(row, { name: 'attachments', from: ['ticket'] }, filter, options);
}

/**
 * The bytes of each upstream document (from `documents`, `spaceDocument` or `attachments`), as
 * one `Uint8Array` each: one request, never cached nor shared (two downloads make two requests),
 * with its own `downloadTimeout`. A redirect to file storage is followed without the credentials.
 *
 * @example space$.pipe(spaceDocument({ name: 'spec.pdf' }), download())
 */
export function download(): OperatorFunction<Document, Uint8Array> {
  return concatMap((document: Document) =>
    defer(() => {
      const link = linkOf<Client>(document, 'download', [row.name]);
      return downloadBytes(link.client.transport, {
        path: expandRoute(row.download as string, link.spaceId, document),
      });
    }),
  );
}

/**
 * Attaches a file to each upstream ticket: one multipart POST (the bytes exactly as given: a pooled
 * `Buffer`'s own bytes, never the rest of its memory), answered with the document, which joins the
 * ticket's cached attachments; the space's cached file list is dropped. The ticket's `updated_at`
 * changes on the server, so the ticket is read again (one request) in place of its cached copies.
 * A lost answer is an `UncertainWriteError` (never sent twice), whose `lookup()` looks among the
 * ticket's attachments for the caller's with that name.
 *
 * @example space$.pipe(ticket({ number: 201 }), attachFile({ name: 'crash.log', data: logText }))
 */
export function attachFile(file: FileToAttach, options?: WriteOptions): OperatorFunction<Ticket, Document> {
  return scoped({ name: 'attachFile', from: ['ticket'] }, row, (scope) => {
    const { name, data, contentType } = (file ?? {}) as Partial<FileToAttach>;
    if (typeof name !== 'string' || name === '')
      throw new AttributeError(`attachFile(): name must be a non-empty string, not ${kindOf(name)}`, 'name');
    if (contentType !== undefined && typeof contentType !== 'string')
      throw new AttributeError(`attachFile(): contentType must be a string, not ${kindOf(contentType)}`, 'contentType');
    const ticket = scope.parent as Ticket;
    return from(bytesOf(data)).pipe(
      concatMap((bytes) =>
        creating(
          documentWrites,
          scope,
          {
            file: { filename: name, contentType: contentType ?? typeOf(data), bytes },
            name,
            attachable_type: 'Ticket',
            attachable_id: ticket.id,
          },
          'attachFile',
          options,
        ),
      ),
    );
  });
}

/**
 * The bytes of `data`, as a view of exactly its own (no copy: the body encoder copies them). Checked
 * by shape, not `instanceof`: a Buffer or ArrayBuffer of another realm (a test environment's) is not
 * an instance of this one's.
 */
async function bytesOf(data: unknown): Promise<Uint8Array> {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array(data as ArrayBuffer);
  const blob = data as { arrayBuffer?: () => Promise<ArrayBuffer> } | null | undefined;
  if (typeof blob?.arrayBuffer === 'function') return new Uint8Array(await blob.arrayBuffer());
  throw new AttributeError(
    `attachFile(): data must be a Uint8Array, Buffer, ArrayBuffer, string or Blob, not ${kindOf(data)}`,
    'data',
  );
}

/** A Blob's own type, else bytes of no known type. */
function typeOf(data: unknown): string {
  const type = (data as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type !== '' ? type : 'application/octet-stream';
}
