// A multipart/form-data body (RFC 7578), built by hand as one ArrayBuffer of exactly its length: under
// Node, xhr2 accepts neither Blob nor FormData, and rxjs's ajax sends a typed array's whole `.buffer`
// (a pooled 5-byte Buffer went out as 8,192 bytes), so a view is never handed over. Only the write
// engine imports it. Laid out as the recorded upload: spec/fixtures/recordings/space-documents/create.json.

/** A file as a multipart body sends it: its name, type and exact bytes. */
export interface FilePart {
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** One field of the form: text, or a file. */
export type FormField = readonly [name: string, value: string | FilePart];

/** A body ready to send: the bytes and the Content-Type that names their boundary. */
export interface MultipartBody {
  readonly body: ArrayBuffer;
  readonly contentType: string;
}

/**
 * The fields as one multipart/form-data body, text as UTF-8 and a file's bytes copied exactly (from
 * its `byteOffset`, `byteLength` bytes). The boundary is random and checked absent from every part.
 *
 * @example multipartBody([['document[name]', 'log.txt']]).contentType // 'multipart/form-data; boundary=...'
 */
export function multipartBody(fields: readonly FormField[], random: () => number = Math.random): MultipartBody {
  const utf8 = new TextEncoder();
  const parts = fields.map(([name, value]) => {
    const file = typeof value === 'string' ? undefined : value;
    const head =
      `Content-Disposition: form-data; name="${quoted(name)}"` +
      (file ? `; filename="${quoted(file.filename)}"\r\nContent-Type: ${oneLine(file.contentType)}` : '');
    return { head: utf8.encode(head + '\r\n\r\n'), content: file ? file.bytes : utf8.encode(value as string) };
  });
  let boundary: string;
  do boundary = `----assembla-rx-${Array.from({ length: 24 }, () => Math.floor(random() * 36).toString(36)).join('')}`;
  while (parts.some((p) => contains(p.content, utf8.encode(boundary))));
  const open = utf8.encode(`--${boundary}\r\n`);
  const between = utf8.encode(`\r\n--${boundary}\r\n`);
  const close = utf8.encode(`\r\n--${boundary}--\r\n`);
  const pieces: Uint8Array[] = parts.length === 0 ? [utf8.encode(`--${boundary}--\r\n`)] : [open];
  parts.forEach((p, i) => pieces.push(p.head, p.content, i === parts.length - 1 ? close : between));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const piece of pieces) {
    // `set` copies the view's own bytes (byteOffset, byteLength), never the rest of its buffer.
    out.set(piece, at);
    at += piece.byteLength;
  }
  return { body: out.buffer, contentType: `multipart/form-data; boundary=${boundary}` };
}

// A name in a quoted header parameter, as browsers send it: `"`, CR and LF percent-encoded.
function quoted(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
