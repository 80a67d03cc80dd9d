import { Observable, switchMap, take } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { HttpError, NetworkError, RateLimitError } from '../../lib/errors';
import type { Reply } from '../../lib/transport/types';
import { reply, virtualTransport } from './support';

const get = (path: string) => ({ method: 'GET' as const, path });

describe('the shared request stream (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'sends one request for identical GETs in flight, and both subscribers get the reply',
    marbles((m) => {
      const r = reply('/spaces');
      const server = m.cold<Reply>('----(r|)', { r });
      const { transport, calls } = virtualTransport(() => server);
      const late = m.cold('--x|').pipe(switchMap(() => transport.request(get('/spaces'))));
      m.expect(transport.request(get('/spaces'))).toBeObservable('----(r|)', { r });
      m.expect(late).toBeObservable('----(r|)', { r });
      m.expect(server).toHaveSubscriptions(['^---!']);
      m.flush();
      expect(calls).toHaveLength(1);
    }),
  );

  it(
    'does not share a GET that starts after the first one ended',
    marbles((m) => {
      const r = reply('/spaces');
      const { transport, calls } = virtualTransport(() => m.cold<Reply>('--(r|)', { r }));
      const later = m.cold('-----x|').pipe(switchMap(() => transport.request(get('/spaces'))));
      m.expect(transport.request(get('/spaces'))).toBeObservable('--(r|)', { r });
      m.expect(later).toBeObservable('-------(r|)', { r });
      m.flush();
      expect(calls).toHaveLength(2);
    }),
  );

  it(
    'keeps at most `concurrency` calls in flight; the rest wait in order',
    marbles((m) => {
      const { transport } = virtualTransport((call) => m.cold<Reply>('---(r|)', { r: reply(call.path) }), { concurrency: 2 });
      const out = (p: string) => transport.request(get(p));
      m.expect(out('/a')).toBeObservable('---(r|)', { r: reply('/a') });
      m.expect(out('/b')).toBeObservable('---(r|)', { r: reply('/b') });
      m.expect(out('/c')).toBeObservable('------(r|)', { r: reply('/c') });
      m.expect(out('/d')).toBeObservable('------(r|)', { r: reply('/d') });
      m.expect(out('/e')).toBeObservable('---------(r|)', { r: reply('/e') });
    }),
  );

  it(
    'aborts a request when its only subscriber leaves, and frees its slot',
    marbles((m) => {
      const slow = m.cold<Reply>('-----(r|)', { r: reply('/slow') });
      const next = m.cold<Reply>('-(r|)', { r: reply('/next') });
      const { transport } = virtualTransport((call) => (call.path === '/slow' ? slow : next), { concurrency: 1 });
      m.expect(transport.request(get('/slow')), '^-!').toBeObservable('---');
      m.expect(transport.request(get('/next'))).toBeObservable('---(r|)', { r: reply('/next') });
      m.expect(slow).toHaveSubscriptions(['^-!']);
    }),
  );

  it(
    'keeps a shared request going while one of its subscribers still waits',
    marbles((m) => {
      const r = reply('/x');
      const server = m.cold<Reply>('----(r|)', { r });
      const { transport } = virtualTransport(() => server);
      m.expect(transport.request(get('/x')), '^-!').toBeObservable('---');
      m.expect(transport.request(get('/x'))).toBeObservable('----(r|)', { r });
      m.expect(server).toHaveSubscriptions(['^---!']);
    }),
  );

  it(
    "delivers one call's failure to that call only; the stream goes on",
    marbles((m) => {
      const failure = new HttpError(500, { method: 'GET', url: 'http://test/v1/bad' }, 'boom');
      const { transport } = virtualTransport((call) =>
        call.path === '/bad' ? m.cold<Reply>('--#', {}, failure) : m.cold<Reply>('---(r|)', { r: reply(call.path) }),
      );
      m.expect(transport.request(get('/bad'))).toBeObservable('--#', {}, failure);
      m.expect(transport.request(get('/good'))).toBeObservable('---(r|)', { r: reply('/good') });
      const after = m.cold('----x|').pipe(switchMap(() => transport.request(get('/later'))));
      m.expect(after).toBeObservable('-------(r|)', { r: reply('/later') });
    }),
  );

  it(
    'is cold: nothing is sent before subscription',
    marbles((m) => {
      const { transport, calls } = virtualTransport(() => m.cold<Reply>('-(r|)', { r: reply('/x') }));
      const query = transport.request(get('/x'));
      m.flush();
      expect(calls).toHaveLength(0);
      m.expect(query.pipe(take(1))).toBeObservable('-(r|)', { r: reply('/x') });
    }),
  );

  it(
    'retries transient failures with exponential back-off and reports the attempts',
    marbles((m) => {
      let n = 0;
      const network = new NetworkError({ method: 'GET', url: 'http://test/v1/x' });
      const { transport, events } = virtualTransport(
        () => (++n < 3 ? m.cold<Reply>('-#', {}, network) : m.cold<Reply>('-(r|)', { r: reply('/x') })),
        { retry: { baseDelayMs: 10, maxAttempts: 4, random: () => 1 } },
      );
      // attempt 1 fails at 1, waits 10; attempt 2 fails at 12, waits 20; attempt 3 answers at 33.
      m.expect(transport.request(get('/x'))).toBeObservable('33ms (r|)', { r: reply('/x') });
      m.flush();
      expect(events.filter((e) => e.type === 'retry').map((e) => e.delayMs)).toEqual([10, 20]);
      expect(events.filter((e) => e.type === 'start').map((e) => e.attempt)).toEqual([1, 2, 3]);
    }),
  );

  it(
    'does not retry a 404 or a POST, and says how many attempts a spent retry made',
    marbles((m) => {
      const e503 = new HttpError(503, { method: 'GET', url: 'http://test/v1/x' }, '');
      const e404 = new HttpError(404, { method: 'GET', url: 'http://test/v1/y' }, '');
      const { transport, calls } = virtualTransport((call) => m.cold<Reply>('-#', {}, call.path === '/x' ? e503 : e404), {
        retry: { baseDelayMs: 2, maxAttempts: 3, random: () => 1 },
      });
      m.expect(transport.request(get('/y'))).toBeObservable('-#', {}, e404);
      m.expect(transport.request({ method: 'POST', path: '/x' })).toBeObservable('-#', {}, e503);
      m.expect(transport.request(get('/x'))).toBeObservable('9ms #', {}, e503);
      m.flush();
      expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /y', 'POST /x', 'GET /x', 'GET /x', 'GET /x']);
      expect(e503.attempts).toBe(3);
      expect(e503.message).toContain('after 3 attempts');
    }),
  );

  it(
    'holds every call of the API after a 429 until its Retry-After has passed',
    marbles((m) => {
      let first = true;
      const limited = new RateLimitError({ method: 'GET', url: 'http://test/v1/a' }, '', 50);
      const { transport } = virtualTransport(
        (call): Observable<Reply> => {
          if (call.path === '/a' && first) {
            first = false;
            return m.cold<Reply>('-#', {}, limited);
          }
          return m.cold<Reply>('-(r|)', { r: reply(call.path) });
        },
        { retry: { maxAttempts: 2, random: () => 1 } },
      );
      m.expect(transport.request(get('/a'))).toBeObservable('52ms (r|)', { r: reply('/a') });
      const other = m.cold('---x|').pipe(switchMap(() => transport.request(get('/b'))));
      m.expect(other).toBeObservable('52ms (r|)', { r: reply('/b') });
    }),
  );

  it(
    'spends the budget the server announces (X-RateLimit-Remaining/-Reset), then holds every call until the reset',
    marbles((m) => {
      const limited = (path: string): Reply => ({ ...reply(path), headers: { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1' } });
      const { transport } = virtualTransport((call) => m.cold<Reply>('-(r|)', { r: limited(call.path) }));
      const at = (frames: string, path: string) => m.cold(frames).pipe(switchMap(() => transport.request(get(path))));
      // /a answers at 1: one call left in a window that resets 1 s later (at 1001).
      m.expect(transport.request(get('/a'))).toBeObservable('-(r|)', { r: limited('/a') });
      m.expect(at('-----x|', '/b')).toBeObservable('------(r|)', { r: limited('/b') });
      m.expect(at('-----x|', '/c')).toBeObservable('1002ms (r|)', { r: limited('/c') });
    }),
  );
});
