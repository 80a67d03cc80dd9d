import { inspect } from 'node:util';
import { firstValueFrom, forkJoin, of } from 'rxjs';
import { API, AuthError, ConfigError, TokenSource, ticket } from '../../lib';
import { useLocalServer } from '../support/local';

const FRESH = 'Fresh-Token-7f3a9c';
const STALE = 'Stale-Token-1b2c3d';

describe('a token that can be refreshed (auth.token as a function)', () => {
  const local = useLocalServer({ data: { tickets: 250 }, credentials: { token: FRESH } });
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
    const [a, b, c] = await firstValueFrom(forkJoin([space$.pipe(ticket({ number: 1 })), space$.pipe(ticket({ number: 2 })), space$.pipe(ticket({ number: 3 }))]));
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
    const error = await firstValueFrom(new API({ auth: { token: s.fn }, baseUrl: local.server.url }).spaces()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(s.reasons).toEqual(['initial', 'expired']);
    expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error, { showHidden: true, depth: 9 })}`).not.toContain(STALE);
  });

  it('a source that gives no usable token is a ConfigError through the Observable', async () => {
    const error = await firstValueFrom(new API({ auth: { token: () => '' }, baseUrl: local.server.url }).spaces()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('auth.token function');
    expect(local.server.stats.requests).toBe(0);
  });
});
