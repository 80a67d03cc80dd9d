// The answers the local server gives, shaped like the recorded Assembla responses (headers, content
// types, bodies), as plain data; server.ts adds the per-request headers and writes them out.
import { createHash } from 'node:crypto';

/** An answer before it goes on the wire. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Text (JSON, HTML), or bytes for a file download. */
  body: string | Buffer;
}

/** Headers every answer carries, so browsers may call the server and read the rate-limit headers. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, ETag',
};

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

// Rails writes integral floats as `1.0`; JSON.stringify writes `1`. Restore the `.0` on the ticket
// fields that are floats, so bodies (and their ETags) look like the real ones. Keys inside string
// values are escaped (`\"estimate\"`), so they never match.
const FLOAT_FIELDS =
  /"(importance|working_hours|estimate|total_estimate|total_invested_hours|total_working_hours)":(-?\d+)(?=[,}])/g;

/**
 * JSON text of wire data, as Assembla writes it (integral float fields keep their `.0`).
 * @example
 * wireJson({ estimate: 1 }); // '{"estimate":1.0}'
 */
export function wireJson(value: unknown): string {
  return JSON.stringify(value).replace(FLOAT_FIELDS, '"$1":$2.0');
}

/**
 * The ETag of a body as Assembla makes it: the MD5 of its bytes in hex, quoted (digest §3.3).
 * @example
 * etagOf('{"id":1}'); // '"…32 hex digits…"'
 */
export function etagOf(body: string): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

/**
 * 200 (or 201) with a JSON body, its MD5 ETag and Rails' cache headers.
 * @example
 * json({ id: 1 });
 * // { status: 200, body: '{"id":1}',
 * //   headers: { 'Content-Type': 'application/json; charset=utf-8', ETag: '"…"', … } }
 */
export function json(value: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  const body = wireJson(value);
  return {
    status,
    headers: {
      'Content-Type': JSON_TYPE,
      ETag: etagOf(body),
      'Cache-Control': 'max-age=0, private, must-revalidate',
      ...headers,
    },
    body,
  };
}

/** A list: 200 with the items, or 204 when there are none (Assembla never sends `[]`). */
export function list(items: readonly unknown[]): Reply {
  return items.length === 0 ? noContent() : json(items);
}

/**
 * 200 with a file's bytes, as a document download is recorded (spec/fixtures/recordings/space-documents/download.json).
 * @example
 * file(Buffer.from('hi'), 'notes.txt'); // Content-Disposition: attachment; filename="notes.txt"
 */
export function file(bytes: Buffer, filename: string): Reply {
  return {
    status: 200,
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${filename.replace(/["\\]/g, '_')}"`,
      'Cache-Control': 'private',
    },
    body: bytes,
  };
}

/** 302 to another address (a download sent on to file storage). */
export function redirect(location: string): Reply {
  return {
    status: 302,
    headers: { Location: location, 'Content-Type': HTML_TYPE, 'Cache-Control': 'no-cache' },
    body: '',
  };
}

/** 400 with a plain-text reason (what file storage answers to a request it refuses). */
export function badRequest(reason: string): Reply {
  return { status: 400, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' }, body: reason };
}

/** 204: an empty page, or a successful PUT/DELETE (with extra headers, e.g. a recorded Location). */
export function noContent(headers: Record<string, string> = {}): Reply {
  return { status: 204, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache', ...headers }, body: '' };
}

/** 304 for a matching `If-None-Match`. */
export function notModified(etag: string): Reply {
  return { status: 304, headers: { ETag: etag, 'Cache-Control': 'max-age=0, private, must-revalidate' }, body: '' };
}

/** 404 as Assembla sends it: an HTML content type, a body of one space, and a session cookie. */
export function notFound(): Reply {
  return {
    status: 404,
    headers: {
      'Content-Type': HTML_TYPE,
      'Cache-Control': 'no-cache',
      'Set-Cookie': '_breakout_session=0; path=/; HttpOnly',
    },
    body: ' ',
  };
}

/** 406 for the `.xml` format, which the local server does not speak. */
export function notAcceptable(): Reply {
  return { status: 406, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' }, body: '' };
}

/**
 * 422 with Rails' error map, field to messages.
 * @example
 * unprocessable({ summary: ["can't be blank"] });
 */
export function unprocessable(errors: Record<string, string[]>): Reply {
  return {
    status: 422,
    headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-cache' },
    body: JSON.stringify(errors),
  };
}

/** 401 in the OAuth2 error shape (never recorded; the digest's assumption). */
export function unauthorized(description: string): Reply {
  return {
    status: 401,
    headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-cache' },
    body: JSON.stringify({ error: 'unauthorized', error_description: description }),
  };
}

/** 429 with `Retry-After` in whole seconds. */
export function tooManyRequests(retryAfterSec: number): Reply {
  return {
    status: 429,
    headers: { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-cache', 'Retry-After': String(retryAfterSec) },
    body: JSON.stringify({
      error: 'rate_limited',
      error_description: `Too many requests, retry after ${retryAfterSec} s`,
    }),
  };
}

const ERROR_TITLES: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** A 5xx HTML page; 500 closes the connection, as the recorded one did. */
export function errorPage(status: 500 | 502 | 503 | 504): Reply {
  const title = `Error ${status}: ${ERROR_TITLES[status]} | Assembla`;
  return {
    status,
    headers: { 'Content-Type': HTML_TYPE, ...(status === 500 ? { Connection: 'close' } : {}) },
    body:
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"' +
      ' "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n' +
      `<html xmlns="http://www.w3.org/1999/xhtml">\n  <head>\n    <title>${title}</title>\n  </head>\n` +
      `  <body>\n    <h1>${ERROR_TITLES[status]}</h1>\n` +
      '    <p>Something went wrong. Please try again later.</p>\n  </body>\n</html>\n',
  };
}

/** 204 for a CORS preflight: any origin, the API's methods and headers. */
export function preflight(): Reply {
  return {
    status: 204,
    headers: {
      'Content-Type': 'text/plain',
      'Cache-Control': 'no-cache',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'X-Api-Key, X-Api-Secret, Authorization, Content-Type, Accept, If-None-Match',
      'Access-Control-Max-Age': '600',
    },
    body: '',
  };
}
