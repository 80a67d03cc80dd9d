import { catchError, defer, switchMap, throwError } from 'rxjs';
import { AuthError } from '../core/errors';
import type { TokenKeeper } from './token';
import type { Handler, Stage } from './types';

/**
 * For a token that can be refreshed: every call waits for a token first, and a call refused with
 * a 401 gets a fresh token (one refresh shared by all such calls) and is sent once more, through
 * the retry policy and the gates again.
 */
export function refreshExpiredTokens(keeper: TokenKeeper): Stage {
  return (next: Handler): Handler =>
    (call) =>
      defer(() => {
        let used: string | undefined;
        const send = (stale?: string) =>
          keeper.ensure(stale).pipe(
            switchMap((token) => {
              used = token;
              return next(call);
            }),
          );
        return send().pipe(
          catchError((e: unknown) => (e instanceof AuthError && e.status === 401 ? send(used) : throwError(() => e))),
        );
      });
}
