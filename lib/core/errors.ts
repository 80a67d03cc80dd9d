/**
 * Every failure of assembla-rx is an `AssemblaError`, with one subclass per cause.
 *
 * Errors carry plain data only (method, URL, status, a short body excerpt): never the XHR, the
 * request or its headers, so that printing an error (`util.inspect`, jest, `JSON.stringify`)
 * cannot show a credential.
 *
 * @example
 * assembla.space({ name: 'Big Project' }).subscribe({
 *   error: (e) => { if (e instanceof NotFoundError) console.log('no such space'); },
 * });
 */
export class AssemblaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    // Each class names itself (see `named`), as a minifier renames classes; a subclass that does
    // not (a user's own) falls back to its constructor's name.
    if (!Object.prototype.hasOwnProperty.call(new.target.prototype, 'name')) this.name = new.target.name;
    if (options?.cause !== undefined) {
      // Non-enumerable, as the built-in `cause` is, so printing stays short.
      Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
    }
  }

  /** Plain data for `JSON.stringify`: name, message and the error's own public fields. */
  toJSON(): Record<string, unknown> {
    return { ...(this as unknown as Record<string, unknown>), name: this.name, message: this.message };
  }
}
named(AssemblaError, 'AssemblaError');

/** Options given to `new API(...)` (or to the local server) are missing or malformed. */
export class ConfigError extends AssemblaError {}
named(ConfigError, 'ConfigError');

/** A filter given to a query names a field the entity does not have, or a value of the wrong kind. */
export class FilterError extends AssemblaError {}
named(FilterError, 'FilterError');

/** Where a request went: the pieces every transport error names. */
export interface RequestInfo {
  readonly method: string;
  readonly url: string;
}

/** The server answered with a status that is not a success (4xx, 5xx). */
export class HttpError extends AssemblaError implements RequestInfo {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** The first few hundred characters of the response body, for diagnosis. */
  readonly body: string;
  /** How many attempts were made before giving up (1 when the request was not retried). */
  attempts = 1;

  constructor(status: number, req: RequestInfo, body: string, message?: string) {
    const summary = summarize(body);
    super(message ?? `${req.method} ${req.url} failed with HTTP ${status}${summary ? `: ${summary}` : ''}`);
    this.status = status;
    this.method = req.method;
    this.url = req.url;
    this.body = excerpt(body, 500);
  }
}
named(HttpError, 'HttpError');

/** 401 or 403: the credentials are missing, wrong, expired, or lack the permission. */
export class AuthError extends HttpError {
  constructor(status: number, req: RequestInfo, body: string) {
    super(
      status,
      req,
      body,
      status === 401
        ? `${req.method} ${req.url} was refused (HTTP 401): check the API key and secret, token or password`
        : `${req.method} ${req.url} is forbidden (HTTP 403) for these credentials`,
    );
  }
}
named(AuthError, 'AuthError');

/**
 * 429: the server asks us to slow down; `retryAfterMs` is its `Retry-After`, when it sent one. Also
 * a call refused unsent because the server asked for a longer wait than `maxRetryAfterMs` (then
 * `retryAfterMs` is what is left of it, and the message says so).
 */
export class RateLimitError extends HttpError {
  readonly retryAfterMs: number | undefined;
  constructor(req: RequestInfo, body: string, retryAfterMs?: number, message?: string) {
    super(
      429,
      req,
      body,
      message ??
        `${req.method} ${req.url} was rate limited (HTTP 429)` +
          (retryAfterMs !== undefined ? `; the server asked to wait ${Math.ceil(retryAfterMs / 1000)} s` : ''),
    );
    this.retryAfterMs = retryAfterMs;
  }
}
named(RateLimitError, 'RateLimitError');

/**
 * Nothing matched: a singular query found no entity, or a direct GET answered 404 (then `status`
 * is 404 and `method`/`url` say which request).
 */
export class NotFoundError extends AssemblaError {
  readonly status?: 404;
  readonly method?: string;
  readonly url?: string;
  /** How many attempts a request made when a retry was answered 404 (transport/retry.ts); else absent. */
  declare attempts?: number;

  constructor(message: string, req?: RequestInfo) {
    super(message);
    if (req) {
      this.status = 404;
      this.method = req.method;
      this.url = req.url;
    }
  }
}
named(NotFoundError, 'NotFoundError');

/** A singular query matched more than one entity. */
export class AmbiguousMatchError extends AssemblaError {
  readonly count: number;
  constructor(message: string, count: number) {
    super(message);
    this.count = count;
  }
}
named(AmbiguousMatchError, 'AmbiguousMatchError');

/** An object that did not come from this SDK's queries (so it has no API or space) was piped into an operator. */
export class UnboundEntityError extends AssemblaError {}
named(UnboundEntityError, 'UnboundEntityError');

/**
 * A paged list did not page as it should (e.g. a page that kept repeating the one before it); `page` names
 * the page.
 */
export class PagingError extends AssemblaError {
  readonly page: number;
  constructor(message: string, page: number) {
    super(message);
    this.page = page;
  }
}
named(PagingError, 'PagingError');

/** The body of a successful answer was not valid JSON: truncated, malformed, or empty where data was due. */
export class ParseError extends AssemblaError implements RequestInfo {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly body: string;
  attempts = 1;
  constructor(req: RequestInfo, status: number, body: string, reason: string) {
    super(
      `${req.method} ${req.url} answered ${status} with a body that is not valid JSON` +
        ` (${reason}, ${body.length} characters)`,
    );
    this.method = req.method;
    this.url = req.url;
    this.status = status;
    this.body = excerpt(body, 200);
  }
}
named(ParseError, 'ParseError');

/** Well-formed JSON that does not fit the entity's codec; `path` names the field (e.g. `[3].created_on`). */
export class DecodeError extends AssemblaError {
  readonly url: string;
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
  /** `secrets`: credential values to replace in the value shown (an answer may echo the request's headers). */
  constructor(url: string, path: string, expected: string, actual: unknown, secrets: readonly string[] = []) {
    const shown = excerpt(redact(safeJson(actual), secrets), 80);
    super(`${url}: field ${path || '(root)'} should be ${expected} but is ${shown}`);
    this.url = url;
    this.path = path;
    this.expected = expected;
    this.actual = shown;
  }
}
named(DecodeError, 'DecodeError');

/**
 * The connection failed or dropped before an answer arrived. `code` is the platform's low-level
 * code when it gave one (under Node: `ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, a TLS code...).
 */
export class NetworkError extends AssemblaError implements RequestInfo {
  readonly method: string;
  readonly url: string;
  readonly code?: string;
  attempts = 1;
  constructor(req: RequestInfo, detail = 'the connection failed or was dropped', code?: string) {
    super(`${req.method} ${req.url}: network error (${detail}${code ? `, ${code}` : ''})`);
    this.method = req.method;
    this.url = req.url;
    if (code) this.code = code;
  }
}
named(NetworkError, 'NetworkError');

/** No answer arrived within the `timeout` option; the request was aborted. */
export class TimeoutError extends AssemblaError implements RequestInfo {
  readonly method: string;
  readonly url: string;
  readonly timeoutMs: number;
  attempts = 1;
  constructor(req: RequestInfo, timeoutMs: number) {
    super(`${req.method} ${req.url}: no answer within ${timeoutMs} ms`);
    this.method = req.method;
    this.url = req.url;
    this.timeoutMs = timeoutMs;
  }
}
named(TimeoutError, 'TimeoutError');

/**
 * Sets a class's `name` on its prototype, as a string that survives minification (a minified
 * bundle would otherwise print `Es: GET … was refused`).
 */
export function named(type: abstract new (...args: never[]) => Error, name: string): void {
  Object.defineProperty(type.prototype, 'name', { value: name, writable: true, configurable: true, enumerable: false });
}

/**
 * The caller aborted the work through its `AbortSignal` (e.g. `iterateTickets(…, { signal })`);
 * `cause` is the signal's reason. Named `AbortError`, as the platform's are, so that checks on
 * `e.name === 'AbortError'` keep working.
 */
export class AbortError extends AssemblaError {
  constructor(message: string, reason?: unknown) {
    super(message, { cause: reason });
  }
}
named(AbortError, 'AbortError');

/** A body in a few words: an HTML error page by its title (or its text), anything else as an excerpt. */
function summarize(body: string): string {
  if (/^\s*</.test(body)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
    const text = title ?? body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
    return excerpt(text.replace(/\s+/g, ' ').trim(), 120);
  }
  return excerpt(body.trim(), 120);
}

export function excerpt(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/**
 * The value as JSON for a message; one too deep or cyclic to print is described by its kind (printing it
 * would overflow the stack).
 */
function safeJson(value: unknown): string {
  if (value === undefined) return 'missing';
  try {
    return JSON.stringify(value) ?? kindOf(value);
  } catch {
    return `${kindOf(value)} that cannot be shown (nested too deep, or cyclic)`;
  }
}

/**
 * A value described by its kind, never by its content (it may be a secret in the wrong place).
 *
 * @example
 * kindOf('s3cr3t')  // 'a string'
 * kindOf([1])       // 'an array'
 */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value))
    return String(value) === 'NaN' ? 'NaN' : 'an infinite number';
  return withArticle(typeof value);
}

/**
 * The word with its indefinite article.
 *
 * @example withArticle('Error') === 'an Error'
 */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/**
 * The text with each secret (and its JSON- and URL-escaped forms) replaced by `[redacted]`: for
 * error bodies, which may echo the request's headers (some proxies do).
 *
 * @example
 * redact('{"X-Api-Secret":"s3cr3t"}', ['s3cr3t'])  // '{"X-Api-Secret":"[redacted]"}'
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so that a secret inside another (a user name in `user:password`) leaves no part behind.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (!secret) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]))
      out = out.split(form).join('[redacted]');
  }
  return out;
}

/** `Name: message` of any thrown value, for events and logs. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
