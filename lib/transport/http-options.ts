// The options of the innermost stage, one HTTP attempt (http.ts): how it is sent and how long it may take.
import { ConfigError, kindOf } from '../core/errors';
import { duration, fn, isFunction, Unchecked } from '../core/validate';
import { CREDENTIAL_HEADERS } from './credentials';
import type { AgentLike, XHRLike } from './types';

/** The HTTP attempt's slice of `APIOptions`. */
export interface HttpAttemptOptions {
  /** Per-attempt timeout in ms (default 30 000; 0 = none; at most 2^31−1, as for every duration option). */
  readonly timeout?: number;
  /**
   * Per-attempt timeout of a file download in ms, redirects included (default 300 000, five minutes:
   * a file can be large; 0 = none).
   */
  readonly downloadTimeout?: number;
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
}

/** The HTTP attempt's options, checked, with their defaults. */
export interface ResolvedHttpOptions {
  /** The extra headers, checked; `{}` when none. */
  readonly headers: Readonly<Record<string, string>>;
  readonly agent?: AgentLike;
  readonly timeoutMs: number;
  readonly downloadTimeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 300_000;

/**
 * Checks the HTTP attempt's options; `baseUrl` (already checked) is what the agent must fit.
 *
 * @example resolveHttpOptions({ timeout: 5000 }, 'https://api.assembla.com').timeoutMs === 5000
 */
export function resolveHttpOptions(options: Unchecked<HttpAttemptOptions>, baseUrl: string): ResolvedHttpOptions {
  fn('createXHR', options.createXHR, isFunction, 'a function that returns an XMLHttpRequest');
  return {
    headers: resolveHeaders(options.headers),
    agent: resolveAgent(options.agent, baseUrl),
    timeoutMs: duration('timeout', options.timeout, DEFAULT_TIMEOUT_MS),
    downloadTimeoutMs: duration('downloadTimeout', options.downloadTimeout, DEFAULT_DOWNLOAD_TIMEOUT_MS),
  };
}

/** Headers the SDK sets itself: the credentials' (from `auth`) and `Accept` (it parses JSON). */
const RESERVED_HEADERS = [...CREDENTIAL_HEADERS, 'accept'];

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
    throw new ConfigError(`headers must be an object of header names and values (got ${kindOf(value)})`);
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    // Not shown: a malformed name may be a value (or a secret) put in the wrong place.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw new ConfigError('headers has a name that is not a valid HTTP header name (not shown)');
    if (RESERVED_HEADERS.includes(name.toLowerCase()))
      throw new ConfigError(`headers must not set ${name}: the SDK sets it (credentials go in \`auth\`)`);
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
