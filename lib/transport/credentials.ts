// The `auth` option: its type, its check, and the headers it becomes. The token-refresh stage
// (token-refresh.ts) uses the keeper made here.
import { ConfigError } from '../core/errors';
import { knownKeys } from '../core/validate';
import { TokenKeeper, TokenSource } from './token';

/**
 * Credentials: API key and secret, an OAuth bearer token (or a function that gives a fresh one),
 * or user name and password (HTTP Basic).
 */
export type Auth =
  | { readonly key: string; readonly secret: string }
  | { readonly token: string | TokenSource }
  | readonly [user: string, password: string];

/** The `auth` slice of `APIOptions`. */
export interface AuthOptions {
  /**
   * `{ key, secret }` (X-Api-Key/X-Api-Secret), `{ token }` (Bearer; a TokenSource function is asked again
   * after a 401) or `['user', 'password']` (Basic; undocumented for API v1).
   */
  readonly auth: Auth;
}

/**
 * The credentials as the transport uses them: the headers for each attempt, and a token keeper when the
 * token can be refreshed.
 */
export interface Credentials {
  readonly headers: () => Readonly<Record<string, string>>;
  readonly tokens?: TokenKeeper;
}

/**
 * Checks `auth` and turns it into credentials: fixed headers, or a bearer token kept fresh by its
 * source. Messages name what is wrong, never show a value.
 *
 * @example resolveCredentials({ token: 'tok' }).headers()  // { Authorization: 'Bearer tok' }
 */
export function resolveCredentials(auth: unknown): Credentials {
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
  throw new ConfigError('auth is missing or malformed: give { key, secret }, { token } or [user, password]');
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

/** Base64 of the UTF-8 bytes (what servers expect for non-ASCII Basic credentials), in Node and browsers alike. */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The headers that carry credentials (lower case): never sent anywhere but `baseUrl`. */
export const CREDENTIAL_HEADERS: readonly string[] = ['authorization', 'x-api-key', 'x-api-secret'];
