import { inspect } from 'node:util';
import { EMPTY, firstValueFrom, forkJoin, of, throwError } from 'rxjs';
import { API, AuthError, ConfigError, NetworkError, TokenSource, ticket } from '../../lib';
import { useLocalServer } from '../support/local';

const FRESH = 'Fresh-Token-7f3a9c';
const STALE = 'Stale-Token-1b2c3d';

describe('a token that can be refreshed (auth.token as a function)', () => {
  // A server per test: an earlier test's aborted requests may land late.
  const local = useLocalServer({ data: { tickets: 250 }, credentials: { token: FRESH } }, 'test');
  beforeEach(() => {
    expect.hasAssertions();
    local.server.stats.reset();
  });

  /** A source that gives `first` initially and `then` after a 401, recording why it was asked. */
  function source(first: string, then: string): { fn: TokenSource; reasons: string[] } {
    const reasons: string[] = [];
    return { reasons, fn: (reason) => (reasons.push(reason), Promise.resolve(reason === 'initial' ? first : then)) };
  }

  it('gets a fresh token once after a 401 and sends the refused calls again', async () => {
    const s = source(STALE, FRESH);
    const api = new API({ auth: { token: s.fn }, baseUrl: local.server.url });
    const space$ = api.space({ wiki_name: 'big-project' });
    const [a, b, c] = await firstValueFrom(
      forkJoin([
        space$.pipe(ticket({ number: 1 })),
        space$.pipe(ticket({ number: 2 })),
        space$.pipe(ticket({ number: 3 })),
      ]),
    );
    expect([a.number, b.number, c.number]).toEqual([1, 2, 3]);
    expect(s.reasons).toEqual(['initial', 'expired']);
    expect(local.server.stats.byStatus[401]).toBe(1);
  });

  it('accepts a plain string, a Promise or an Observable from the source', async () => {
    for (const fn of [() => FRESH, () => Promise.resolve(FRESH), () => of(FRESH)] as TokenSource[]) {
      const spaces = await firstValueFrom(new API({ auth: { token: fn }, baseUrl: local.server.url }).spaces());
      expect(spaces.length).toBeGreaterThan(0);
    }
  });

  it('gives up with an AuthError when the fresh token is refused too (no loop), without showing it', async () => {
    const s = source(STALE, `${STALE}-2`);
    const error = await firstValueFrom(new API({ auth: { token: s.fn }, baseUrl: local.server.url }).spaces()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(s.reasons).toEqual(['initial', 'expired']);
    expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error, { showHidden: true, depth: 9 })}`).not.toContain(
      STALE,
    );
  });

  it('a source that gives no usable token is a ConfigError through the Observable', async () => {
    const error = await firstValueFrom(
      new API({ auth: { token: () => '' }, baseUrl: local.server.url }).spaces(),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('auth.token function');
    expect(local.server.stats.requests).toBe(0);
  });

  // Each way a token source can fail is a ConfigError that says which, before any request; the
  // source's own error is kept as `cause` by its class name only (its message may hold a secret).
  it.each([
    [
      'throws',
      () => {
        throw new TypeError(`refresh failed for ${FRESH}`);
      },
      /failed with a TypeError when asked for the initial token/,
      'TypeError',
    ],
    [
      'rejects',
      () => Promise.reject(new Error(`HTTP 400 from the OAuth server: ${FRESH}`)),
      /failed with an Error when asked for the initial token/,
      'Error',
    ],
    [
      'throws a string',
      () => {
        throw FRESH;
      },
      /failed with a string when asked/,
      'a string',
    ],
    [
      'gives an erroring Observable',
      () => throwError(() => new RangeError(FRESH)),
      /failed with a RangeError/,
      'RangeError',
    ],
    ['returns undefined', () => undefined, /gave undefined when asked for the initial token/, undefined],
    ['resolves to a number', () => Promise.resolve(42), /gave a number when asked/, undefined],
    ['returns an object', () => ({ token: FRESH }), /gave an object when asked/, undefined],
    ['returns an empty string', () => '', /gave an empty string when asked/, undefined],
    ['returns white space', () => '  ', /gave a string of white space only/, undefined],
    [
      'returns a string with a line break',
      () => `${FRESH}\n`,
      /gave a string with characters that cannot be sent in an HTTP header/,
      undefined,
    ],
    [
      'gives an Observable that completes without a value',
      () => EMPTY,
      /gave an Observable that completed without a token \(asked for the initial token\)/,
      undefined,
    ],
  ] as Array<[string, () => unknown, RegExp, string | undefined]>)(
    'a source that %s is a ConfigError saying so, sending nothing',
    async (_, fn, message, causeName) => {
      const error = await firstValueFrom(
        new API({ auth: { token: fn as TokenSource }, baseUrl: local.server.url }).spaces(),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      const cause = (error as { cause?: Error }).cause;
      expect(cause?.name).toBe(causeName);
      if (cause) expect(cause.message).not.toContain(FRESH);
      expect(
        `${String(error)} ${JSON.stringify(error)} ${inspect(error, { showHidden: true, depth: 9 })}`,
      ).not.toContain(FRESH);
      expect(local.server.stats.requests).toBe(0);
    },
  );

  it('a source that fails with an AssemblaError (its own SDK request failed) passes it on as it is', async () => {
    const own = new NetworkError(
      { method: 'POST', url: 'https://oauth.example/token' },
      'the connection failed',
      'ECONNREFUSED',
    );
    const error = await firstValueFrom(
      new API({ auth: { token: () => throwError(() => own) }, baseUrl: local.server.url }).spaces(),
    ).catch((e: unknown) => e);
    expect(error).toBe(own);
    expect(local.server.stats.requests).toBe(0);
  });

  it('a source that fails at refresh (after a 401) is a ConfigError naming the expired token', async () => {
    const fn: TokenSource = (reason) => (reason === 'initial' ? STALE : Promise.reject(new Error('revoked')));
    const error = await firstValueFrom(new API({ auth: { token: fn }, baseUrl: local.server.url }).spaces()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/failed with an Error when asked for the expired token/);
    expect((error as Error).message).not.toContain('revoked');
  });
});
