// The errors only writes raise. Apart from errors.ts, whose classes every page carries (each is named
// by a top-level call, which a bundler keeps): a page that only reads carries none of these
// (spec/package.spec.ts, the bundle budget).
import type { Observable } from 'rxjs';
import { AssemblaError, HttpError, RequestInfo, excerpt, named } from './errors';
import { isRecord } from './validate';

/**
 * 422: the server refused the attributes. `fields` is the server's map of attribute to messages, as
 * it sent it (`base` for the object as a whole), and the message lists them.
 *
 * @example
 * space$.pipe(createTicket({ summary: ' ' })).subscribe({
 *   error: (e) => { if (e instanceof ValidationError) console.log(e.fields.summary); }, // ["can't be blank"]
 * });
 */
export class ValidationError extends HttpError {
  readonly fields: Readonly<Record<string, readonly string[]>>;

  /**
   * `body` is the 422's body (redacted): the field map as JSON, e.g. `{"base":["Start date can't be greater
   * than end date"]}` (spec/fixtures/recordings/portfolio-standup-reports/list-away.json).
   */
  constructor(req: RequestInfo, body: string) {
    const fields = fieldsOf(body);
    const listed = Object.entries(fields).map(([field, messages]) => `${field} ${messages.join(', ')}`);
    super(
      422,
      req,
      body,
      `${req.method} ${req.url} was refused (HTTP 422)` + (listed.length ? `: ${listed.join('; ')}` : ''),
    );
    this.fields = fields;
  }
}
named(ValidationError, 'ValidationError');

/** A 422's body as the field map it should be; anything else is no fields (the body stays on the error). */
function fieldsOf(body: string): Record<string, string[]> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {};
  }
  // Rails answers either the map itself or `{ "errors": map }`.
  const map = isRecord(json) && isRecord(json.errors) ? json.errors : json;
  const fields: Record<string, string[]> = {};
  if (!isRecord(map)) return fields;
  for (const [field, messages] of Object.entries(map))
    fields[field] = (Array.isArray(messages) ? messages : [messages]).map(String);
  return fields;
}

/**
 * An attribute the SDK rejects before sending anything: a name the resource does not take, a value
 * of the wrong type, or a required one missing. `attribute` names it.
 *
 * @example
 * ticket$.pipe(updateTicket({ priority: 'high' } as never)) // AttributeError: priority must be an integer…
 */
export class AttributeError extends AssemblaError {
  readonly attribute: string;
  constructor(message: string, attribute: string) {
    super(message);
    this.attribute = attribute;
  }
}
named(AttributeError, 'AttributeError');

/**
 * A write whose answer was lost after it was sent (the connection dropped, a timeout, a 5xx, an
 * answer that could not be read): the server may have applied it. It is never sent again by the
 * SDK; `lookup()` looks for what it would have written (for a ticket: the caller's newest tickets
 * of the space with that summary) and emits it, or `null`. `attributes` is what was sent; `cause`
 * the failure.
 *
 * @example
 * space$.pipe(createTicket({ summary: 'Crash on save' })).subscribe({
 *   error: (e) => {
 *     if (e instanceof UncertainWriteError) e.lookup().subscribe((t) => console.log(t ?? 'not there'));
 *   },
 * });
 */
export class UncertainWriteError<T = unknown> extends AssemblaError implements RequestInfo {
  readonly method: string;
  readonly url: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  // A private field: neither printed nor serialised (it holds the API).
  readonly #lookup: () => Observable<T | null>;

  constructor(
    req: RequestInfo,
    attributes: Readonly<Record<string, unknown>>,
    cause: AssemblaError,
    lookup: () => Observable<T | null>,
  ) {
    super(
      `${req.method} ${req.url}: the answer was lost (${excerpt(cause.message, 200)});` +
        ' the write may have been applied, and was not sent again: lookup() looks for it',
      { cause },
    );
    this.method = req.method;
    this.url = req.url;
    this.attributes = attributes;
    this.#lookup = lookup;
  }

  /** What the write would have made, if the server has it (cold: each subscription looks again), else `null`. */
  lookup(): Observable<T | null> {
    return this.#lookup();
  }
}
named(UncertainWriteError, 'UncertainWriteError');
