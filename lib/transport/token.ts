import { Observable, defer, finalize, from, isObservable, map, of, shareReplay, take, tap } from 'rxjs';
import { ConfigError } from '../errors';

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
        take(1),
        map(checkToken),
        tap((token) => (this.current = token)),
        finalize(() => (this.pending = undefined)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.pending;
  }
}

function asObservable(value: string | PromiseLike<string> | Observable<string>): Observable<string> {
  if (typeof value === 'string') return of(value);
  return isObservable(value) ? value : from(value);
}

/** A token must fit in a header; the message never shows it. */
function checkToken(token: unknown): string {
  if (typeof token !== 'string' || token.trim() === '' || !/^[\x21-\x7e]+$/.test(token)) {
    throw new ConfigError('the auth.token function gave something that is not a token (a non-empty string of printable ASCII)');
  }
  return token;
}
