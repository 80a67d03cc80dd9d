// Documents (digest §18): a space's files, a ticket's attachments, and their bytes. A download is
// `application/octet-stream` with `Content-Disposition: attachment` (spec/fixtures/recordings/
// space-documents/download.json); with `downloads: 'redirect'` it is a 302 to file storage
// (`/files/:document/:filename`, outside /v1), which refuses Assembla credentials with a 400 the
// way S3 refuses a foreign Authorization header. Uploads are multipart/form-data, as recorded in
// spec/fixtures/recordings/space-documents/create.json (`document[file]`, `document[name]`; digest
// §18 adds `description`, `attachable_type`, `attachable_id`): 201, the document and a Location;
// PUT (edit.json) and DELETE (delete.json) answer 204.
import { randomBytes } from 'node:crypto';
import { attributes, isUpload, toInt, type FieldErrors } from '../http/body';
import {
  badRequest,
  file,
  json,
  list,
  noContent,
  notFound,
  redirect,
  unprocessable,
  type Reply,
} from '../http/replies';
import { isoSeconds } from '../http/time';
import { documentEvent, recordEvent } from './activity';
import { found, inSpace, onTicket, type Context } from './context';
import type { FakeResource, SeedContext } from './resource';
import type { Store } from './store';

/** A document (a file of the space, or a ticket's attachment), in the recorded key order. */
export interface WireDocument {
  name: string;
  content_type: string;
  created_by: string;
  id: string;
  version: number;
  filename: string;
  filesize: number;
  updated_by: string;
  description: string | null;
  cached_tag_list: string;
  position: number;
  url: string;
  created_at: string;
  updated_at: string;
  ticket_id: number | null;
  attachable_type: string | null;
  has_thumbnail: boolean;
  space_id: string;
  attachable_id: number | null;
  attachable_guid: string | null;
}

/** The name of the seeded document whose bytes are 0, 1, ..., 255 (attached to ticket 1 of each space). */
export const ALL_BYTES_NAME = 'all-bytes.bin';

interface SeedFile {
  name: string;
  contentType: string;
  bytes: Buffer;
  /** Number of the ticket it is attached to, or none. */
  ticket: number | null;
  daysBeforeEnd: number;
}

const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

function seedFiles(big: boolean): SeedFile[] {
  const files: SeedFile[] = [
    { name: ALL_BYTES_NAME, contentType: 'application/octet-stream', bytes: ALL_BYTES, ticket: 1, daysBeforeEnd: 20 },
    {
      name: 'release-notes.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('Release notes\n\n- Faster search\n- Dark mode\n'),
      ticket: null,
      daysBeforeEnd: 90,
    },
  ];
  if (big)
    files.push({
      name: 'screenshot "login".png',
      contentType: 'image/png',
      bytes: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      ticket: 201,
      daysBeforeEnd: 5,
    });
  return files;
}

/** Each space: all-bytes.bin (on ticket 1) and release-notes.txt; Big Project also a screenshot on ticket 201. */
function seed(ctx: SeedContext): void {
  ctx.data.documents[ctx.space.id] = seedFiles(ctx.big).flatMap((f, position) => {
    const ticket = f.ticket === null ? null : ctx.seeded.find((t) => t.number === f.ticket);
    if (ticket === undefined) return [];
    const id = ctx.newId();
    const at = isoSeconds(ctx.end - f.daysBeforeEnd * 86_400_000 + ctx.random.int(0, 36_000) * 1000);
    const author = ctx.random.pick(ctx.users).id;
    ctx.data.files[id] = f.bytes.toString('base64');
    return [
      {
        name: f.name,
        content_type: f.contentType,
        created_by: author,
        id,
        version: 1,
        filename: f.name,
        filesize: f.bytes.length,
        updated_by: author,
        description: null,
        cached_tag_list: '',
        position,
        url: `https://www.assembla.com/spaces/${ctx.space.id}/documents/${id}/download/${id}`,
        created_at: at,
        updated_at: at,
        ticket_id: ticket?.id ?? null,
        attachable_type: ticket ? 'Ticket' : null,
        has_thumbnail: false,
        space_id: ctx.space.id,
        attachable_id: ticket?.id ?? null,
        attachable_guid: null,
      },
    ];
  });
}

function findDocument(store: Store, spaceId: string, id: string): WireDocument | undefined {
  return store.of('documents', spaceId).find((d) => d.id === id);
}

const download = inSpace((ctx, space) => {
  const doc = findDocument(ctx.store, space.id, ctx.params.document);
  if (!doc) return notFound();
  if (ctx.semantics.downloads === 'redirect')
    return redirect(`${ctx.baseUrl}/files/${doc.id}/${encodeURIComponent(doc.filename)}`);
  return file(Buffer.from(ctx.store.data.files[doc.id] ?? '', 'base64'), doc.filename);
});

const CREDENTIAL_HEADERS = ['x-api-key', 'x-api-secret', 'authorization'];

/**
 * `GET /files/:document/:filename` (outside /v1, no credentials): the bytes, or 400 when any
 * Assembla credential header came along.
 * @example
 * storage(store, 'GET', '/files/abc/all-bytes.bin', { authorization: 'Bearer x' }).status; // 400
 */
export function storage(store: Store, path: string, headers: Record<string, unknown>): Reply | undefined {
  const match = /^\/files\/([^/]+)\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  if (CREDENTIAL_HEADERS.some((h) => headers[h] !== undefined))
    return badRequest('Only one auth mechanism allowed; credentials of another service were sent');
  const doc = Object.keys(store.data.documents)
    .map((spaceId) => findDocument(store, spaceId, match[1]))
    .find((d) => d !== undefined);
  if (!doc) return notFound();
  return file(Buffer.from(store.data.files[doc.id] ?? '', 'base64'), doc.filename);
}

function attachments(ctx: Context, spaceId: string, ticketId: number): WireDocument[] {
  return ctx.store.of('documents', spaceId).filter((d) => d.attachable_type === 'Ticket' && d.ticket_id === ticketId);
}

const ATTACHABLE_TYPES = ['Ticket', 'Flow', 'Milestone'];

// What a document is attached to; attachable_id is a ticket's global id (digest §18).
function attachment(
  ctx: Context,
  spaceId: string,
  attrs: Record<string, unknown>,
  errors: FieldErrors,
): Pick<WireDocument, 'attachable_type' | 'attachable_id' | 'ticket_id'> {
  const type = attrs.attachable_type;
  if (type === undefined || type === null || type === '')
    return { attachable_type: null, attachable_id: null, ticket_id: null };
  const id = toInt(attrs.attachable_id);
  if (typeof type !== 'string' || !ATTACHABLE_TYPES.includes(type))
    errors.attachable_type = ['is not included in the list'];
  else if (
    id === undefined ||
    (type === 'Ticket' && !ctx.store.ticketById(spaceId, id)) ||
    (type === 'Milestone' && !ctx.store.milestone(spaceId, id))
  )
    errors.attachable_id = ['is invalid'];
  return {
    attachable_type: String(type),
    attachable_id: id ?? null,
    ticket_id: type === 'Ticket' ? (id ?? null) : null,
  };
}

// An attachment makes its ticket's updated_at the upload's.
function touchTicket(ctx: Context, spaceId: string, doc: WireDocument): void {
  const ticket = doc.ticket_id === null ? undefined : ctx.store.ticketById(spaceId, doc.ticket_id);
  if (ticket) ctx.store.replaceTicket({ ...ticket, updated_at: isoSeconds(ctx.now) });
}

/** `POST /spaces/:space/documents` (multipart): 201 + the document + Location. */
const createDocument = inSpace((ctx, space) => {
  const attrs = attributes(ctx.body, 'document');
  const errors: FieldErrors = {};
  const upload = attrs.file;
  if (!isUpload(upload)) errors.file = ["can't be blank"];
  const attached = attachment(ctx, space.id, attrs, errors);
  if (!isUpload(upload) || Object.keys(errors).length > 0) return unprocessable(errors);
  const id = randomBytes(16).toString('base64url');
  const me = ctx.store.data.me.id;
  const now = isoSeconds(ctx.now);
  const all = ctx.store.of('documents', space.id);
  const name = typeof attrs.name === 'string' && attrs.name.trim() !== '' ? attrs.name : upload.filename;
  const doc: WireDocument = {
    name,
    content_type: upload.contentType,
    created_by: me,
    id,
    version: 1,
    filename: upload.filename,
    filesize: upload.bytes.length,
    updated_by: me,
    description: typeof attrs.description === 'string' ? attrs.description : null,
    cached_tag_list: '',
    position: all.length,
    url: `https://www.assembla.com/spaces/${space.id}/documents/${id}/download/${id}`,
    created_at: now,
    updated_at: now,
    ticket_id: attached.ticket_id,
    attachable_type: attached.attachable_type,
    has_thumbnail: false,
    space_id: space.id,
    attachable_id: attached.attachable_id,
    attachable_guid: null,
  };
  all.push(doc);
  ctx.store.data.files[id] = upload.bytes.toString('base64');
  touchTicket(ctx, space.id, doc);
  recordEvent(ctx, space, documentEvent(doc, 'uploaded'));
  return json(doc, 201, { Location: `${ctx.baseUrl}/v1/spaces/${space.id}/documents/${id}` });
});

/** `PUT /spaces/:space/documents/:document`: name, description, or a new file (a new version); 204. */
const updateDocument = inSpace((ctx, space) => {
  const all = ctx.store.of('documents', space.id);
  const i = all.findIndex((d) => d.id === ctx.params.document);
  if (i < 0) return notFound();
  const attrs = attributes(ctx.body, 'document');
  const doc: WireDocument = { ...all[i], updated_at: isoSeconds(ctx.now), updated_by: ctx.store.data.me.id };
  if (typeof attrs.name === 'string' && attrs.name.trim() !== '') doc.name = attrs.name;
  if (attrs.description !== undefined) doc.description = attrs.description === null ? null : String(attrs.description);
  const upload = attrs.file;
  if (isUpload(upload)) {
    Object.assign(doc, {
      filename: upload.filename,
      content_type: upload.contentType,
      filesize: upload.bytes.length,
      version: doc.version + 1,
    });
    ctx.store.data.files[doc.id] = upload.bytes.toString('base64');
  }
  all[i] = doc;
  recordEvent(ctx, space, documentEvent(doc, 'updated'));
  return noContent();
});

/** `DELETE /spaces/:space/documents/:document`: 204; its bytes go too. */
const deleteDocument = inSpace((ctx, space) => {
  const all = ctx.store.of('documents', space.id);
  const i = all.findIndex((d) => d.id === ctx.params.document);
  if (i < 0) return notFound();
  const [doc] = all.splice(i, 1);
  delete ctx.store.data.files[doc.id];
  recordEvent(ctx, space, documentEvent(doc, 'deleted'));
  return noContent();
});

export const documents: FakeResource = {
  name: 'document',
  routes: [
    ['GET', '/spaces/:space/documents', inSpace(({ store }, s) => list(store.of('documents', s.id)))],
    [
      'GET',
      '/spaces/:space/documents/:document',
      inSpace(({ store, params }, s) => found(findDocument(store, s.id, params.document))),
    ],
    ['GET', '/spaces/:space/documents/:document/download', download],
    ['POST', '/spaces/:space/documents', createDocument],
    ['PUT', '/spaces/:space/documents/:document', updateDocument],
    ['DELETE', '/spaces/:space/documents/:document', deleteDocument],
    ['GET', '/spaces/:space/tickets/:number/attachments', onTicket((ctx, s, t) => list(attachments(ctx, s.id, t.id)))],
  ],
  seed,
};
