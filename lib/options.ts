import type { SchedulerLike } from 'rxjs';
import { ConfigError, kindOf } from './errors';
import type { RetryOptions } from './transport/retry';
import { MAX_TIMER_MS } from './transport/timer';
import { TokenKeeper, TokenSource } from './transport/token';
import type { AgentLike, Handler, XHRLike } from './transport/types';

/**
 * Credentials: API key and secret, an OAuth bearer token (or a function that gives a fresh one),
 * or user name and password (HTTP Basic).
 */
export type Auth =
  | { readonly key: string; readonly secret: string }
  | { readonly token: string | TokenSource }
  | readonly [user: string, password: string];

/**
 * The options of `new API(options)`: only `auth` is required. Each is checked at construction (a
 * `ConfigError` says what to change).
 *
 * @example
 * new API({ auth: { key: 'KEY', secret: 'SECRET' }, concurrency: 4, retry: { maxAttempts: 3 } });
 */
export interface APIOptions {
  /**
   * `{ key, secret }` (X-Api-Key/X-Api-Secret), `{ token }` (Bearer; a TokenSource function is asked again
   * after a 401) or `['user', 'password']` (Basic; undocumented for API v1).
   */
  readonly auth: Auth;
  /** Default `https://api.assembla.com`; a local server's URL in tests and demos. */
  readonly baseUrl?: string;
  /** Default true; false starts every space's cache, and `assembla.cache`, switched off. */
  readonly useCache?: boolean;
  /** HTTP calls in flight at most (default 6, as browsers allow per host). */
  readonly concurrency?: number;
  /** Per-attempt timeout in ms (default 30 000; 0 = none; at most 2^31−1, as for every duration option). */
  readonly timeout?: number;
  /** Retry policy for transient failures; `false` sends every call once. */
  readonly retry?: RetryOptions | false;
  /** Allow plain `http://` to a host other than loopback (credentials would travel unencrypted). */
  readonly allowInsecureHttp?: boolean;
  /**
   * Items per page asked for on paged lists: 1 to 100 (default 100). Assembla serves at most 100,
   * so more would silently give 100 and a list would end early; above 100 is a ConfigError.
   */
  readonly perPage?: number;
  /** Scheduler for back-off, timeouts and rate-limit waits (virtual time in tests). */
  readonly scheduler?: SchedulerLike;
  /** XMLHttpRequest factory (default: the browser's, or xhr2 under Node). */
  readonly createXHR?: () => XHRLike;
  /**
   * Node only: the `http.Agent` or `https.Agent` for every request (the one that matches `baseUrl`'s
   * scheme), e.g. for a corporate proxy or a custom CA. Browsers have no agents (their own network
   * settings apply): there it is ignored.
   *
   * @example new API({ auth, agent: new https.Agent({ ca: fs.readFileSync('corp-ca.pem') }) })
   */
  readonly agent?: AgentLike;
  /**
   * Extra headers for every request, e.g. `{ 'User-Agent': 'my-app/1.2' }`. They cannot set the
   * credential headers (Authorization, X-Api-Key, X-Api-Secret: use `auth`), `Accept`, or a header
   * that XMLHttpRequest never sends (Cookie, Host, Proxy-*...), and they are not treated as
   * secrets: put no credential here. Browsers may ignore `User-Agent`.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Replaces the HTTP attempt, the innermost stage of the request pipeline: it gets each call
   * (method, full URL, attempt) and returns its reply. For tests in virtual time and custom transports.
   */
  readonly http?: Handler;
}

/**
 * The credentials as the transport uses them: the headers for each attempt, and a token keeper when the
 * token can be refreshed.
 */
export interface Credentials {
  readonly headers: () => Readonly<Record<string, string>>;
  readonly tokens?: TokenKeeper;
}

export interface ResolvedOptions {
  readonly baseUrl: string;
  /** The extra headers, checked; `{}` when none. */
  readonly headers: Readonly<Record<string, string>>;
  readonly agent?: AgentLike;
  readonly credentials: Credentials;
  readonly useCache: boolean;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retry: RetryOptions | false;
  readonly perPage: number;
}

export const DEFAULT_BASE_URL = 'https://api.assembla.com';

/** Highest `per_page` Assembla serves (assembla-api.md §3.1); more gives 100 silently. */
export const MAX_PER_PAGE = 100;

// Every option key: a Record over the interface, so that a new option cannot be forgotten here.
const OPTION_KEYS: Record<keyof APIOptions, true> = {
  auth: true,
  baseUrl: true,
  useCache: true,
  concurrency: true,
  timeout: true,
  retry: true,
  allowInsecureHttp: true,
  perPage: true,
  scheduler: true,
  createXHR: true,
  agent: true,
  headers: true,
  http: true,
};

/** Checks the options given to `new API(...)` and says exactly what to change; never echoes a secret. */
export function resolveOptions(options: APIOptions | undefined): ResolvedOptions {
  if (!options || typeof options !== 'object')
    throw new ConfigError(
      'new API(options) needs an options object with `auth`, e.g. new API({ auth: { key, secret } })',
    );
  knownKeys('option', options, Object.keys(OPTION_KEYS));
  fn(
    'scheduler',
    options.scheduler,
    isScheduler,
    'a SchedulerLike (with now() and schedule()), such as asyncScheduler',
  );
  fn('createXHR', options.createXHR, isFunction, 'a function that returns an XMLHttpRequest');
  fn('http', options.http, isFunction, 'a function (call) => Observable<Reply>');
  const resolvedCredentials = credentials(options.auth);
  const baseUrl = resolveBaseUrl(
    options.baseUrl ?? DEFAULT_BASE_URL,
    bool('allowInsecureHttp', options.allowInsecureHttp, false),
  );
  return {
    credentials: resolvedCredentials,
    baseUrl,
    headers: resolveHeaders(options.headers),
    agent: resolveAgent(options.agent, baseUrl),
    useCache: bool('useCache', options.useCache, true),
    concurrency: int('concurrency', options.concurrency, 6, 1),
    timeoutMs: duration('timeout', options.timeout, 30_000),
    perPage: int(
      'perPage',
      options.perPage,
      MAX_PER_PAGE,
      1,
      MAX_PER_PAGE,
      ` (Assembla serves at most ${MAX_PER_PAGE} items per page; asking for more would silently give ${MAX_PER_PAGE})`,
    ),
    retry: resolveRetry(options.retry),
  };
}

/** The credentials: fixed headers, or a bearer token kept fresh by its source. */
function credentials(auth: unknown): Credentials {
  const fixed = (headers: Record<string, string>): Credentials => ({ headers: () => headers });
  if (Array.isArray(auth)) {
    if (auth.length !== 2) throw new ConfigError('auth as an array must be [user, password]');
    const [user, password] = auth as unknown[];
    credential('auth[0] (user)', user);
    credential('auth[1] (password)', password);
    if ((user as string).includes(':'))
      throw new ConfigError('auth[0] (user) must not contain ":" (HTTP Basic separates user and password with it)');
    return fixed({ Authorization: `Basic ${base64Utf8(`${user as string}:${password as string}`)}` });
  }
  if (auth && typeof auth === 'object') {
    const a = auth as Record<string, unknown>;
    knownKeys('auth key', a, ['key', 'secret', 'token'], 'auth.');
    if ('token' in a) {
      if ('key' in a || 'secret' in a)
        throw new ConfigError('auth takes either { key, secret } or { token }, not both');
      if (typeof a.token === 'function') {
        const tokens = new TokenKeeper(a.token as TokenSource);
        return { headers: () => ({ Authorization: `Bearer ${tokens.token ?? ''}` }), tokens };
      }
      credential('auth.token', a.token);
      return fixed({ Authorization: `Bearer ${a.token as string}` });
    }
    if ('key' in a || 'secret' in a) {
      credential('auth.key', a.key);
      credential('auth.secret', a.secret);
      return fixed({ 'X-Api-Key': a.key as string, 'X-Api-Secret': a.secret as string });
    }
  }
  throw new ConfigError(
    "auth is missing or malformed: give { key: 'KEY', secret: 'SECRET' }, { token: 'TOKEN' } or ['user', 'password']",
  );
}

/** A credential must be a non-empty string that fits in an HTTP header; the message never shows it. */
function credential(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`${name} must be a non-empty string`);
  if (value !== value.trim())
    throw new ConfigError(`${name} has leading or trailing white space; copy it again without it`);
  // Basic credentials are base64-encoded, so only key, secret and token must be header-safe.
  if (!name.startsWith('auth[') && !/^[\x21-\x7e]+$/.test(value))
    throw new ConfigError(
      `${name} contains characters that cannot be sent in an HTTP header (control characters, spaces or non-ASCII)`,
    );
}

function resolveBaseUrl(value: unknown, allowInsecureHttp: boolean): string {
  if (typeof value !== 'string')
    throw new ConfigError(`baseUrl must be a string such as "https://api.assembla.com" (got ${kindOf(value)})`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not shown: where user info ends in a malformed URL is guesswork, and it may hold a password.
    throw new ConfigError(
      `baseUrl is not a URL (${baseUrlHint(value)}; not shown, as it may hold credentials);` +
        ' give one such as "https://api.assembla.com"',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError(`baseUrl must use https:// (or http:// for a local server), not ${url.protocol}`);
  if (url.username || url.password) throw new ConfigError('baseUrl must not contain credentials; pass them as `auth`');
  if (url.search || url.hash) throw new ConfigError('baseUrl must not have a query string or fragment');
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new ConfigError(
      `baseUrl uses plain http:// to ${url.hostname}, which would send your credentials unencrypted;` +
        ' use https://, or set allowInsecureHttp: true if you really mean it',
    );
  }
  // Accept the base with or without the API version; paths add `/v1` themselves.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/v1$/, '');
}

/** What is wrong with a baseUrl that does not parse, without quoting any of it. */
function baseUrlHint(value: string): string {
  if (value.trim() === '') return 'it is empty';
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(value.trim())) return 'it does not start with a scheme such as https://';
  if (/\s/.test(value.trim())) return 'it contains white space';
  return 'its host or port is malformed';
}

/** Headers the SDK sets itself: the credentials' (from `auth`) and `Accept` (it parses JSON). */
const RESERVED_HEADERS = ['authorization', 'x-api-key', 'x-api-secret', 'accept'];

/** Headers an XMLHttpRequest never sends (browsers and xhr2 drop them): the Fetch standard's forbidden names. */
const FORBIDDEN_HEADERS = new RegExp(
  '^(accept-charset|accept-encoding|access-control-request-headers|access-control-request-method|connection|' +
    'content-length|cookie2?|date|dnt|expect|host|keep-alive|origin|referer|te|trailer|transfer-encoding|upgrade|' +
    'via|proxy-.*|sec-.*)$',
  'i',
);

/**
 * Checks the extra headers: names that HTTP allows, values without line breaks or control
 * characters, none of the SDK's own. Messages name a header, never show a value.
 *
 * @example resolveHeaders({ 'User-Agent': 'my-app/1.2' })  // { 'User-Agent': 'my-app/1.2' }
 */
function resolveHeaders(value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError(`headers must be an object such as { 'User-Agent': 'my-app/1.2' } (got ${kindOf(value)})`);
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    // Not shown: a malformed name may be a value (or a secret) put in the wrong place.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw new ConfigError('headers has a name that is not a valid HTTP header name (not shown)');
    if (RESERVED_HEADERS.includes(name.toLowerCase()))
      throw new ConfigError(
        `headers must not set ${name}: the SDK sets it (credentials go in \`auth\`, and answers are read as JSON)`,
      );
    if (FORBIDDEN_HEADERS.test(name))
      throw new ConfigError(
        `headers cannot set ${name}: XMLHttpRequest never sends it (set it up in the agent, if at all)`,
      );
    if (typeof v !== 'string' || !/^[\t\x20-\x7e\x80-\xff]*$/.test(v))
      throw new ConfigError(`headers["${name}"] must be a string without line breaks or control characters`);
    headers[name] = v;
  }
  return headers;
}

/**
 * An agent is Node's: it has what http.request calls (`addRequest`). A plain http.Agent or
 * https.Agent knows its scheme (an own `protocol`), which must be baseUrl's; proxy agents serve both.
 */
function resolveAgent(value: unknown, baseUrl: string): AgentLike | undefined {
  if (value === undefined) return undefined;
  const agent = value as { addRequest?: unknown; protocol?: unknown } | null;
  if (typeof agent !== 'object' || agent === null || typeof agent.addRequest !== 'function')
    throw new ConfigError(`agent must be an http.Agent or https.Agent (got ${kindOf(value)})`);
  const scheme = new URL(baseUrl).protocol;
  if (Object.prototype.hasOwnProperty.call(agent, 'protocol') && agent.protocol !== scheme)
    throw new ConfigError(
      `agent is for ${agent.protocol} but baseUrl uses ${scheme}: ` +
        `give an ${scheme === 'https:' ? 'https' : 'http'}.Agent`,
    );
  return value as AgentLike;
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(`${name} must be true or false (got ${kindOf(value)})`);
  return value;
}

/** A whole number in [min, max]; the message describes a wrong value, never shows it. */
function int(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  why = '',
): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  throw new ConfigError(`${name} must be a whole number ${range}${why} (got ${describeNumber(value, min, max)})`);
}

/** A duration in ms that a timer can hold. */
function duration(name: string, value: unknown, fallback: number): number {
  return int(name, value, fallback, 0, MAX_TIMER_MS, ' ms (2^31−1, the longest a timer can wait)');
}

function describeNumber(value: unknown, min: number, max: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return kindOf(value);
  if (!Number.isInteger(value)) return 'a fraction';
  return value < min ? `a number below ${min}` : `a number above ${max}`;
}

/** An optional function-valued option, checked now rather than failing at first use. */
function fn(name: string, value: unknown, ok: (v: unknown) => boolean, expected: string): void {
  if (value !== undefined && !ok(value)) throw new ConfigError(`${name} must be ${expected} (got ${kindOf(value)})`);
}

const isFunction = (v: unknown): boolean => typeof v === 'function';

function isScheduler(v: unknown): boolean {
  const s = v as Partial<SchedulerLike> | null;
  return typeof s === 'object' && s !== null && typeof s.now === 'function' && typeof s.schedule === 'function';
}

// Each retry option's check: a Record over RetryOptions, so that a new retry option cannot be forgotten here.
const RETRY_CHECKS: Record<keyof RetryOptions, (name: string, value: unknown) => void> = {
  maxAttempts: (name, value) => int(name, value, 1, 1),
  baseDelayMs: (name, value) => duration(name, value, 0),
  maxDelayMs: (name, value) => duration(name, value, 0),
  maxRetryAfterMs: (name, value) => duration(name, value, 0),
  random: (name, value) => fn(name, value, isFunction, 'a function that returns a number in [0, 1)'),
};

function resolveRetry(value: unknown): RetryOptions | false {
  if (value === undefined) return {};
  if (value === false) return false;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError(`retry must be false or an object such as { maxAttempts: 4 } (got ${kindOf(value)})`);
  const r = value as Record<string, unknown>;
  knownKeys('retry option', r, Object.keys(RETRY_CHECKS), 'retry.');
  for (const [key, check] of Object.entries(RETRY_CHECKS)) check(`retry.${key}`, r[key]);
  return value as RetryOptions;
}

/**
 * Refuses a key that is not one of `valid`, naming the closest valid key. The unknown key itself
 * is shown only when it is a near miss of a valid one (so a secret used as a key is never printed).
 *
 * @example
 * knownKeys('option', { concurency: 4 }, ['concurrency'])
 * // ConfigError: unknown option "concurency": did you mean "concurrency"?
 */
function knownKeys(what: string, value: object, valid: readonly string[], prefix = ''): void {
  for (const key of Object.keys(value)) {
    if (valid.includes(key)) continue;
    const near = closest(key, valid);
    if (near) throw new ConfigError(`unknown ${what} "${prefix}${key}": did you mean "${prefix}${near}"?`);
    throw new ConfigError(
      `unknown ${what} (not shown, in case it is a secret);` +
        ` the valid ones are ${valid.map((k) => prefix + k).join(', ')}`,
    );
  }
}

/** The valid key within a few typos of `key` (case ignored), if any. */
function closest(key: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of valid) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // At most a third of the name wrong: `concurency`, `timout`, `maxAtempts`, `perpage`.
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/** Base64 of the UTF-8 bytes (what servers expect for non-ASCII Basic credentials), in Node and browsers alike. */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
