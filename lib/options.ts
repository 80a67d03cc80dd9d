import type { SchedulerLike } from 'rxjs';
import { ConfigError } from './errors';
import type { RetryOptions } from './transport/retry';
import { TokenKeeper, TokenSource } from './transport/token';
import type { Handler } from './transport/types';

/**
 * Credentials: API key and secret, an OAuth bearer token (or a function that gives a fresh one),
 * or user name and password (HTTP Basic).
 */
export type Auth =
  | { readonly key: string; readonly secret: string }
  | { readonly token: string | TokenSource }
  | readonly [user: string, password: string];

export interface APIOptions {
  /** `{ key, secret }` (X-Api-Key/X-Api-Secret), `{ token }` (Bearer; a TokenSource function is asked again after a 401) or `['user', 'password']` (Basic; undocumented for API v1). */
  readonly auth: Auth;
  /** Default `https://api.assembla.com`; a local server's URL in tests and demos. */
  readonly baseUrl?: string;
  /** Default true; false starts every space's cache, and `assembla.cache`, switched off. */
  readonly useCache?: boolean;
  /** HTTP calls in flight at most (default 6, as browsers allow per host). */
  readonly concurrency?: number;
  /** Per-attempt timeout in ms (default 30 000; 0 = none). */
  readonly timeout?: number;
  /** Retry policy for transient failures; `false` sends every call once. */
  readonly retry?: RetryOptions | false;
  /** Allow plain `http://` to a host other than loopback (credentials would travel unencrypted). */
  readonly allowInsecureHttp?: boolean;
  /** Items per page asked for on paged lists (default 100). */
  readonly perPage?: number;
  /** Scheduler for back-off, timeouts and rate-limit waits (virtual time in tests). */
  readonly scheduler?: SchedulerLike;
  /** XMLHttpRequest factory (default: the browser's, or xhr2 under Node). */
  readonly createXHR?: () => XMLHttpRequest;
  /**
   * Replaces the HTTP attempt, the innermost stage of the request pipeline: it gets each call
   * (method, full URL, attempt) and returns its reply. For tests in virtual time and custom transports.
   */
  readonly http?: Handler;
}

/** The credentials as the transport uses them: the headers for each attempt, and a token keeper when the token can be refreshed. */
export interface Credentials {
  readonly headers: () => Readonly<Record<string, string>>;
  readonly tokens?: TokenKeeper;
}

export interface ResolvedOptions {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly useCache: boolean;
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly retry: RetryOptions | false;
  readonly perPage: number;
}

export const DEFAULT_BASE_URL = 'https://api.assembla.com';

/** Checks the options given to `new API(...)` and says exactly what to change; never echoes a secret. */
export function resolveOptions(options: APIOptions | undefined): ResolvedOptions {
  if (!options || typeof options !== 'object') throw new ConfigError('new API(options) needs an options object with `auth`, e.g. new API({ auth: { key, secret } })');
  return {
    credentials: credentials(options.auth),
    baseUrl: resolveBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, options.allowInsecureHttp === true),
    useCache: bool('useCache', options.useCache, true),
    concurrency: int('concurrency', options.concurrency, 6, 1),
    timeoutMs: int('timeout', options.timeout, 30_000, 0),
    perPage: int('perPage', options.perPage, 100, 1),
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
    if ((user as string).includes(':')) throw new ConfigError('auth[0] (user) must not contain ":" (HTTP Basic separates user and password with it)');
    return fixed({ Authorization: `Basic ${base64Utf8(`${user as string}:${password as string}`)}` });
  }
  if (auth && typeof auth === 'object') {
    const a = auth as Record<string, unknown>;
    if ('token' in a) {
      if ('key' in a || 'secret' in a) throw new ConfigError('auth takes either { key, secret } or { token }, not both');
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
  throw new ConfigError("auth is missing or malformed: give { key: 'KEY', secret: 'SECRET' }, { token: 'TOKEN' } or ['user', 'password']");
}

/** A credential must be a non-empty string that fits in an HTTP header; the message never shows it. */
function credential(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`${name} must be a non-empty string`);
  if (value !== value.trim()) throw new ConfigError(`${name} has leading or trailing white space; copy it again without it`);
  // Basic credentials are base64-encoded, so only key, secret and token must be header-safe.
  if (!name.startsWith('auth[') && !/^[\x21-\x7e]+$/.test(value)) throw new ConfigError(`${name} contains characters that cannot be sent in an HTTP header (control characters, spaces or non-ASCII)`);
}

function resolveBaseUrl(value: unknown, allowInsecureHttp: boolean): string {
  if (typeof value !== 'string') throw new ConfigError('baseUrl must be a string such as "https://api.assembla.com"');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`baseUrl "${value.replace(/\/\/[^@/]*@/, '//')}" is not a URL; give one such as "https://api.assembla.com"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`baseUrl must use https:// (or http:// for a local server), not ${url.protocol}`);
  if (url.username || url.password) throw new ConfigError('baseUrl must not contain credentials; pass them as `auth`');
  if (url.search || url.hash) throw new ConfigError('baseUrl must not have a query string or fragment');
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new ConfigError(`baseUrl uses plain http:// to ${url.hostname}, which would send your credentials unencrypted; use https://, or set allowInsecureHttp: true if you really mean it`);
  }
  // Accept the base with or without the API version; paths add `/v1` themselves.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '').replace(/\/v1$/, '');
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(`${name} must be true or false`);
  return value;
}

function int(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be a whole number of at least ${min} (got ${String(value)})`);
  return value;
}

function resolveRetry(value: unknown): RetryOptions | false {
  if (value === undefined) return {};
  if (value === false) return false;
  if (!value || typeof value !== 'object') throw new ConfigError('retry must be false or an object such as { maxAttempts: 4 }');
  const r = value as Record<string, unknown>;
  for (const key of ['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (r[key] !== undefined) int(`retry.${key}`, r[key], 0, key === 'maxAttempts' ? 1 : 0);
  }
  return value as RetryOptions;
}

/** Base64 of the UTF-8 bytes (what servers expect for non-ASCII Basic credentials), in Node and browsers alike. */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
