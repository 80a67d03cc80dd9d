import {
  Observable,
  catchError,
  defer,
  finalize,
  from,
  isObservable,
  map,
  of,
  shareReplay,
  take,
  tap,
  throwError,
  throwIfEmpty,
} from 'rxjs';
import { AssemblaError, ConfigError, kindOf, withArticle } from '../core/errors';

/**
 * Gives a current OAuth access token: at first use (`'initial'`), and again when the server
 * refused the last one it gave (`'expired'`: Assembla's access tokens expire after 15 minutes
 * unused). Return the token, or a Promise or Observable of it.
 *
 * @example
 * new API({ auth: { token: (reason) => reason === 'initial' ? saved.accessToken : refresh(saved.refreshToken) } })
 */
export type TokenSource = (reason: 'initial' | 'expired') => string | PromiseLike<string> | Observable<string>;

/**
 * Keeps the current token of a TokenSource. One refresh at a time, shared by every call that
 * needs it, so a burst of calls meeting an expired token asks the source once.
 */
export class TokenKeeper {
  private current: string | undefined;
  private pending: Observable<string> | undefined;

  constructor(private readonly source: TokenSource) {}

  /** The token to send now (after `ensure` has given one). */
  get token(): string | undefined {
    return this.current;
  }

  /** The current token; asks the source first when there is none yet, or when `stale` is the current one. */
  ensure(stale?: string): Observable<string> {
    if (this.current !== undefined && this.current !== stale) return of(this.current);
    if (!this.pending) {
      const reason = this.current === undefined ? 'initial' : 'expired';
      this.pending = defer(() => asObservable(this.source(reason))).pipe(
        // An AssemblaError (say a NetworkError while fetching the token) is already safe to show, and typed.
        catchError((e: unknown) => throwError(() => (e instanceof AssemblaError ? e : sourceFailed(e, reason)))),
        take(1),
        throwIfEmpty(
          () =>
            new ConfigError(
              'the auth.token function gave an Observable that completed without a token' +
                ` (asked for the ${reason} token)`,
            ),
        ),
        map((token) => checkToken(token, reason)),
        tap((token) => (this.current = token)),
        finalize(() => (this.pending = undefined)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.pending;
  }
}

function asObservable(value: unknown): Observable<unknown> {
  if (isObservable(value)) return value;
  const then = (value as { then?: unknown } | null | undefined)?.then;
  return typeof then === 'function' ? from(value as PromiseLike<unknown>) : of(value);
}

/**
 * The source threw, rejected or its Observable failed. Its error may hold a secret (a refresh
 * token in a URL, a response body), so only its class name is kept, as `cause`.
 */
function sourceFailed(error: unknown, reason: 'initial' | 'expired'): ConfigError {
  const name = error instanceof Error ? error.name : kindOf(error);
  const what = error instanceof Error ? withArticle(name) : name;
  const kept = '(message not kept: it may hold a secret)';
  const cause = new Error(kept);
  cause.name = name;
  return new ConfigError(`the auth.token function failed with ${what} when asked for the ${reason} token ${kept}`, {
    cause,
  });
}

/** A token must fit in a header; the message says what was wrong, never shows the value. */
function checkToken(token: unknown, reason: 'initial' | 'expired'): string {
  const wrong = whatIsWrong(token);
  if (wrong)
    throw new ConfigError(
      `the auth.token function gave ${wrong} when asked for the ${reason} token;` +
        ' it must give a non-empty string (or a Promise or Observable of one)',
    );
  return token as string;
}

function whatIsWrong(token: unknown): string | undefined {
  if (typeof token !== 'string') return kindOf(token);
  if (token === '') return 'an empty string';
  if (token.trim() === '') return 'a string of white space only';
  if (!/^[\x21-\x7e]+$/.test(token)) return 'a string with characters that cannot be sent in an HTTP header';
  return undefined;
}
