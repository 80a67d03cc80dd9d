import { ConfigError, kindOf } from '../core/errors';
import { bool, Unchecked } from '../core/validate';
import type { Params } from './types';

/** The `baseUrl` slice of `APIOptions`: where requests go. */
export interface BaseUrlOptions {
  /** Default `https://api.assembla.com`; a local server's URL in tests and demos. */
  readonly baseUrl?: string;
  /** Allow plain `http://` to a host other than loopback (credentials would travel unencrypted). */
  readonly allowInsecureHttp?: boolean;
}

export const DEFAULT_BASE_URL = 'https://api.assembla.com';

/**
 * The full URL of an API path: `buildUrl('https://api.assembla.com', '/spaces', { page: 2 })`
 * → `https://api.assembla.com/v1/spaces?page=2`. Array values repeat the key (`number[]=1&number[]=2`).
 */
export function buildUrl(baseUrl: string, path: string, params?: Params): string {
  let query = '';
  if (params) {
    for (const key of Object.keys(params)) {
      const value = params[key];
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      for (const v of values)
        query += `${query ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`;
    }
  }
  return `${baseUrl}/v1${path}${query}`;
}

/**
 * Checks `baseUrl` (https, or http to loopback unless `allowInsecureHttp`; no credentials, query or
 * fragment in it) and gives it without a trailing `/` or `/v1`. A URL that does not parse is not shown.
 *
 * @example resolveBaseUrl({ baseUrl: 'http://127.0.0.1:8080/v1' }) === 'http://127.0.0.1:8080'
 */
export function resolveBaseUrl(options: Unchecked<BaseUrlOptions>): string {
  const value = options.baseUrl ?? DEFAULT_BASE_URL;
  const allowInsecureHttp = bool('allowInsecureHttp', options.allowInsecureHttp, false);
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

/**
 * Whether a host name is this machine's.
 *
 * @example isLoopback('127.0.0.1') === true
 */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
