// `new API(options)`: the options each stage owns, composed. Each slice (its type, defaults and
// checks) lives with what it configures, in transport/: `auth` in credentials.ts, `baseUrl` in
// url.ts, the HTTP attempt's in http-options.ts, `retry` in retry.ts, `concurrency` in
// concurrency.ts, `scheduler` and `http` in pipeline.ts. What is left here is the queries' own
// (`useCache`, `perPage`) and the check for unknown keys.
import { ConfigError } from './core/errors';
import { bool, int, knownKeys } from './core/validate';
import { AuthOptions, Credentials, resolveCredentials } from './transport/credentials';
import { HttpAttemptOptions, ResolvedHttpOptions, resolveHttpOptions } from './transport/http-options';
import { PipelineOptions, checkPipelineOptions } from './transport/pipeline';
import { ConcurrencyOptions, resolveConcurrency } from './transport/concurrency';
import { RetryOptions, RetryStageOptions, resolveRetry } from './transport/retry';
import { BaseUrlOptions, resolveBaseUrl } from './transport/url';

/**
 * The options of `new API(options)`: only `auth` is required. Each is checked at construction (a
 * `ConfigError` says what to change).
 *
 * @example
 * new API({ auth: { key: 'KEY', secret: 'SECRET' }, concurrency: 4, retry: { maxAttempts: 3 } });
 */
export interface APIOptions
  extends AuthOptions, BaseUrlOptions, HttpAttemptOptions, RetryStageOptions, ConcurrencyOptions, PipelineOptions {
  /** Default true; false starts every space's cache, and `assembla.cache`, switched off. */
  readonly useCache?: boolean;
  /**
   * Items per page asked for on paged lists: 1 to 100 (default 100). Assembla serves at most 100,
   * so more would silently give 100 and a list would end early; above 100 is a ConfigError.
   */
  readonly perPage?: number;
  /**
   * Cached answers older than this many ms (by `scheduler`) are fetched again on the next
   * subscription; default no limit (kept until purged or changed by a write). A query can ask for
   * its own: `tickets(filter, { maxAge })`.
   */
  readonly maxAge?: number;
}

export interface ResolvedOptions extends ResolvedHttpOptions {
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly useCache: boolean;
  readonly concurrency: number;
  readonly retry: RetryOptions | false;
  readonly perPage: number;
  readonly maxAge: number;
}

/** Highest `per_page` Assembla serves (assembla-api.md §3.1); more gives 100 silently. */
export const MAX_PER_PAGE = 100;

// Every option key: a Record over the interface, so that a new option cannot be forgotten here.
const OPTION_KEYS: Record<keyof APIOptions, true> = {
  auth: true,
  baseUrl: true,
  useCache: true,
  concurrency: true,
  timeout: true,
  downloadTimeout: true,
  retry: true,
  allowInsecureHttp: true,
  perPage: true,
  maxAge: true,
  scheduler: true,
  createXHR: true,
  agent: true,
  headers: true,
  http: true,
};

/** Checks the options given to `new API(...)` and says exactly what to change; never echoes a secret. */
export function resolveOptions(options: APIOptions | undefined): ResolvedOptions {
  if (!options || typeof options !== 'object')
    throw new ConfigError('new API(options) needs an options object with `auth`');
  knownKeys('option', options, Object.keys(OPTION_KEYS));
  checkPipelineOptions(options);
  const credentials = resolveCredentials(options.auth);
  const baseUrl = resolveBaseUrl(options);
  return {
    credentials,
    baseUrl,
    ...resolveHttpOptions(options, baseUrl),
    useCache: bool('useCache', options.useCache, true),
    concurrency: resolveConcurrency(options.concurrency),
    perPage: int(
      'perPage',
      options.perPage,
      MAX_PER_PAGE,
      1,
      MAX_PER_PAGE,
      ` (Assembla serves at most ${MAX_PER_PAGE} items per page; asking for more would silently give ${MAX_PER_PAGE})`,
    ),
    retry: resolveRetry(options.retry),
    maxAge: int('maxAge', options.maxAge, Infinity, 0),
  };
}
