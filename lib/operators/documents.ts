import { OperatorFunction, concatMap, defer } from 'rxjs';
import type { Document, Ticket } from '../codecs';
import { findOperator, listOperator } from '../engine/operators';
import type { Space } from '../engine/entities';
import type { Filter, SingleFilter } from '../engine/filters';
import type { Client } from '../engine/client';
import { linkOf } from '../engine/entities';
import { expandRoute } from '../engine/scope';
import { documents as row } from '../resources/documents';
import { download as downloadBytes } from '../transport/download';

/**
 * The documents (files) of each upstream space that match, read in pages.
 *
 * @example space$.pipe(documents({ content_type: 'application/pdf' }))
 */
export function documents(filter?: Filter<Document>): OperatorFunction<Space, Document[]> {
  return listOperator(row, { name: 'documents', from: ['space'] }, filter);
}

/**
 * The one document of each upstream space that matches: by `id` one request, else from the list.
 * Named so as not to shadow the browser's global `document`.
 *
 * @example space$.pipe(spaceDocument({ name: 'spec.pdf' }), download())
 */
export function spaceDocument(filter: SingleFilter<Document>): OperatorFunction<Space, Document> {
  return findOperator(row, { name: 'spaceDocument', from: ['space'] }, filter);
}

/**
 * The attachments of each upstream ticket that match (documents; their bytes are a `download()`).
 *
 * @example space$.pipe(ticket({ number: 201 }), attachments())
 */
export function attachments(filter?: Filter<Document>): OperatorFunction<Ticket, Document[]> {
  return listOperator(row, { name: 'attachments', from: ['ticket'] }, filter);
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
