// Request bodies as Assembla takes them (digest §1, §18): JSON, wrapped in the resource's key or
// not, form-encoded `ticket[summary]=x`, or multipart/form-data (documents, with the file's bytes
// kept exact); and the attribute values in them, as the writes read them.
import type { IncomingMessage } from 'node:http';

/** Bigger bodies are cut here (an attachment of more than 64 MiB is not a test's business). */
const MAX_BODY = 64 << 20;

/** The whole body as bytes (at most 64 MiB; the rest is dropped). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size >= MAX_BODY) return;
      chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks).subarray(0, MAX_BODY)));
    req.on('error', reject);
  });
}

/** A file part of a multipart body: its name, type and exact bytes. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * Parses a body: undefined when it is not valid JSON (or form data, or multipart), `{}` when empty.
 * Form fields `a[b]=v` become `{ a: { b: v } }`; a multipart file part becomes an UploadedFile.
 * @example
 * parseBody('ticket[summary]=Hi', 'application/x-www-form-urlencoded'); // { ticket: { summary: 'Hi' } }
 */
export function parseBody(raw: string | Uint8Array, contentType = ''): unknown {
  const bytes =
    typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.length);
  const type = contentType.toLowerCase();
  if (type.startsWith('multipart/form-data')) return parseMultipart(bytes, contentType);
  const text = bytes.toString('utf8');
  if (text.trim() === '') return {};
  if (type.includes('application/x-www-form-urlencoded') && !text.trimStart().startsWith('{')) return parseForm(text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The docs' `ticket[summary]=x` without a Content-Type (digest §1).
    return type === '' && /^[^=&{\s]+=/.test(text) ? parseForm(text) : undefined;
  }
}

/**
 * A multipart/form-data body (RFC 7578) as fields: `document[name]=x` becomes `{ document: { name: 'x' } }`
 * and a file part an UploadedFile whose bytes are a copy of exactly the part's content. Boundaries
 * are searched in the bytes, never in decoded text, so any byte value survives. Undefined when the
 * boundary is missing or the body does not follow it.
 * @example
 * parseMultipart(body, 'multipart/form-data; boundary=xyz');
 * // { document: { file: { filename, contentType, bytes } } }
 */
export function parseMultipart(body: Buffer, contentType: string): Record<string, unknown> | undefined {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`, 'latin1');
  const fields: Array<[string, unknown]> = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') return nest(fields); // the close delimiter
    if (body.subarray(at, at + 2).toString('latin1') !== '\r\n') return undefined;
    const headersEnd = body.indexOf('\r\n\r\n', at + 2, 'latin1');
    if (headersEnd < 0) return undefined;
    const next = nextDelimiter(body, Buffer.concat([CRLF, delimiter]), headersEnd + 4);
    if (next < 0) return undefined;
    const part = partHeaders(body.subarray(at + 2, headersEnd).toString('utf8'));
    const content = body.subarray(headersEnd + 4, next);
    if (part.name !== undefined)
      fields.push([
        part.name,
        part.filename === undefined
          ? content.toString('utf8')
          : { filename: part.filename, contentType: part.contentType, bytes: Buffer.from(content) },
      ]);
    at = next + CRLF.length;
  }
}

const CRLF = Buffer.from('\r\n', 'latin1');

// The next CRLF--boundary that really is one (followed by `--` or CRLF): content that merely starts
// like the boundary is content.
function nextDelimiter(body: Buffer, delimiter: Buffer, from: number): number {
  for (let at = body.indexOf(delimiter, from); at >= 0; at = body.indexOf(delimiter, at + 1)) {
    const after = body.subarray(at + delimiter.length, at + delimiter.length + 2).toString('latin1');
    if (after === '--' || after === '\r\n') return at;
  }
  return -1;
}

function partHeaders(text: string): { name?: string; filename?: string; contentType: string } {
  let disposition = '';
  let contentType = 'application/octet-stream';
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    if (name === 'content-type' && value !== '') contentType = value;
  }
  const param = (key: string): string | undefined => {
    const m = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(disposition);
    return m ? (m[1] ?? m[2]).replace(/\\(.)/g, '$1').replace(/%22/g, '"') : undefined;
  };
  return { name: param('name'), filename: param('filename'), contentType };
}

function parseForm(text: string): Record<string, unknown> {
  return nest([...new URLSearchParams(text)]);
}

// Rails' parameter names: `a[b]` goes into `{ a: { b } }`, `a[b][c]` one level deeper, and
// `a[b][]` appends to an array (`ticket[tags][]=Core&ticket[tags][]=API`).
function nest(fields: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of fields) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
    const keys = m ? [m[1], ...[...m[2].matchAll(/\[([^[\]]*)\]/g)].map((k) => k[1])] : [name];
    let node = out;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (keys[i + 1] === '') {
        if (!Array.isArray(node[key])) node[key] = [];
        (node[key] as unknown[]).push(value);
        break;
      }
      if (i === keys.length - 1) node[key] = value;
      else node = isRecord(node[key]) ? node[key] : (node[key] = {});
    }
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether a parsed body value is an uploaded file.
 * @example
 * isUpload(attributes(body, 'document').file); // true for a multipart file part
 */
export function isUpload(value: unknown): value is UploadedFile {
  return isRecord(value) && Buffer.isBuffer(value.bytes) && typeof value.filename === 'string';
}

/**
 * The attributes of a body for resource `key`: `body[key]` when wrapped, else the body itself
 * (Rails' parameter wrapping accepts both).
 * @example
 * attributes({ ticket: { summary: 'x' } }, 'ticket'); // { summary: 'x' }
 * attributes({ summary: 'x' }, 'ticket');             // { summary: 'x' }
 */
export function attributes(body: unknown, key: string): Record<string, unknown> {
  if (!isRecord(body)) return {};
  const wrapped = body[key];
  return isRecord(wrapped) ? wrapped : body;
}

/** Rails' error map of a 422: the messages of each invalid attribute. */
export type FieldErrors = Record<string, string[]>;

/**
 * An integer attribute (a number or a numeric string); undefined when it is not one.
 * @example
 * toInt('3'); // 3
 */
export function toInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/**
 * null, '' and undefined mean "none" (null); anything else goes through `parse` (undefined = invalid).
 * @example
 * nullable('', toInt); // null
 */
export function nullable<T>(value: unknown, parse: (v: unknown) => T | undefined): T | null | undefined {
  return value === null || value === '' ? null : parse(value);
}
