// Request bodies as Assembla takes them (digest §1): JSON, wrapped in the resource's key or not,
// or form-encoded `ticket[summary]=x`; and the attribute values in them, as the writes read them.
import type { IncomingMessage } from 'node:http';

const MAX_BODY = 1 << 20;

/** The whole body as text (at most 1 MiB; the rest is dropped). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      if (text.length < MAX_BODY) text += chunk;
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

/**
 * Parses a body: undefined when it is not valid JSON (or form data), `{}` when empty.
 * @example
 * parseBody('ticket[summary]=Hi', 'application/x-www-form-urlencoded'); // { ticket: { summary: 'Hi' } }
 */
export function parseBody(text: string, contentType = ''): unknown {
  if (text.trim() === '') return {};
  if (contentType.includes('application/x-www-form-urlencoded') && !text.trimStart().startsWith('{'))
    return parseForm(text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
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

function parseForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const m = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name);
    if (m) {
      const group = (out[m[1]] ??= {}) as Record<string, unknown>;
      group[m[2]] = value;
    } else {
      out[name] = value;
    }
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
