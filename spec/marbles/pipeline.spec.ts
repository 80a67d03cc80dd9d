import { Observable, catchError, of, switchMap, take } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { HttpError, NetworkError, NotFoundError, RateLimitError } from '../../lib/core/errors';
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
      const { transport } = virtualTransport((call) => m.cold<Reply>('---(r|)', { r: reply(call.path) }), {
        concurrency: 2,
      });
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
      const { transport, calls } = virtualTransport(
        (call) => m.cold<Reply>('-#', {}, call.path === '/x' ? e503 : e404),
        {
          retry: { baseDelayMs: 2, maxAttempts: 3, random: () => 1 },
        },
      );
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
    'retries a 500 for GET, PUT and DELETE, never for a POST (it may have acted already)',
    marbles((m) => {
      const failed = new Set<string>();
      const postFailure = new HttpError(
        500,
        { method: 'POST', url: 'http://test/v1/POST' },
        '<title>Error 500: Internal Server Error</title>',
      );
      const { transport, calls } = virtualTransport(
        (call): Observable<Reply> => {
          if (call.method === 'POST') return m.cold<Reply>('-#', {}, postFailure);
          if (failed.has(call.method)) return m.cold<Reply>('-(r|)', { r: reply(call.path) });
          failed.add(call.method);
          return m.cold<Reply>('-#', {}, new HttpError(500, call, '<title>Error 500: Internal Server Error</title>'));
        },
        { retry: { baseDelayMs: 10, random: () => 1 } },
      );
      // A failure at 1, a 10 ms back-off, the second attempt answers at 12.
      for (const method of ['GET', 'PUT', 'DELETE'] as const) {
        m.expect(transport.request({ method, path: `/${method}` })).toBeObservable('12ms (r|)', {
          r: reply(`/${method}`),
        });
      }
      m.expect(transport.request({ method: 'POST', path: '/POST' })).toBeObservable('-#', {}, postFailure);
      m.flush();
      expect(postFailure.attempts).toBe(1);
      expect(calls.map((c) => `${c.method} ${c.attempt}`).sort()).toEqual([
        'DELETE 1',
        'DELETE 2',
        'GET 1',
        'GET 2',
        'POST 1',
        'PUT 1',
        'PUT 2',
      ]);
    }),
  );

  it(
    'retries a POST only when nothing was sent: a refused connection, not a reset or a timeout',
    marbles((m) => {
      const post = { method: 'POST' as const, url: 'http://test/v1/p' };
      const failures: Record<string, NetworkError> = {
        '/refused': new NetworkError(post, 'connection refused', 'ECONNREFUSED'),
        '/reset': new NetworkError(post, 'the connection was reset', 'ECONNRESET'),
        '/browser': new NetworkError(post),
      };
      const { transport, calls } = virtualTransport(
        (call): Observable<Reply> =>
          call.attempt === 1
            ? m.cold<Reply>('-#', {}, failures[call.path])
            : m.cold<Reply>('-(r|)', { r: reply(call.path) }),
        { retry: { baseDelayMs: 10, random: () => 1 } },
      );
      const send = (path: string) => transport.request({ method: 'POST', path });
      m.expect(send('/refused')).toBeObservable('12ms (r|)', { r: reply('/refused') });
      m.expect(send('/reset')).toBeObservable('-#', {}, failures['/reset']);
      m.expect(send('/browser')).toBeObservable('-#', {}, failures['/browser']);
      m.flush();
      expect(calls.map((c) => `${c.path} ${c.attempt}`).sort()).toEqual([
        '/browser 1',
        '/refused 1',
        '/refused 2',
        '/reset 1',
      ]);
    }),
  );

  it(
    'a 404 to a retry says how many attempts were made (a DELETE whose first answer was lost)',
    marbles((m) => {
      const del = { method: 'DELETE' as const, url: 'http://test/v1/t/1' };
      const gone = new NotFoundError('answered 404', del);
      const { transport } = virtualTransport(
        (call): Observable<Reply> =>
          m.cold<Reply>('-#', {}, call.attempt === 1 ? new NetworkError(del, 'reset', 'ECONNRESET') : gone),
        { retry: { baseDelayMs: 10, random: () => 1 } },
      );
      m.expect(transport.request({ method: 'DELETE', path: '/t/1' })).toBeObservable('12ms #', {}, gone);
      m.flush();
      expect(gone.attempts).toBe(2);
    }),
  );

  it(
    'a conditional GET (If-None-Match) never joins an identical GET in flight, nor is joined by one',
    marbles((m) => {
      const { transport, calls } = virtualTransport((call) => m.cold<Reply>('----(r|)', { r: reply(call.path) }));
      const conditional = (path: string) => ({ ...get(path), headers: { 'If-None-Match': '"e1"' } });
      const later = (request: Parameters<typeof transport.request>[0]) =>
        m.cold('--x|').pipe(switchMap(() => transport.request(request)));
      const [a, b] = [reply('/a'), reply('/b')];
      m.expect(transport.request(get('/a'))).toBeObservable('----(r|)', { r: a });
      m.expect(later(conditional('/a'))).toBeObservable('------(r|)', { r: a });
      m.expect(transport.request(conditional('/b'))).toBeObservable('----(r|)', { r: b });
      m.expect(later(get('/b'))).toBeObservable('------(r|)', { r: b });
      m.flush();
      expect(calls.map((c) => `${c.path} ${c.headers?.['If-None-Match'] ?? 'plain'}`).sort()).toEqual([
        '/a "e1"',
        '/a plain',
        '/b "e1"',
        '/b plain',
      ]);
    }),
  );

  it(
    'a fresh GET (a read-back after a write) never joins an identical GET in flight',
    marbles((m) => {
      const { transport, calls } = virtualTransport((call) => m.cold<Reply>('----(r|)', { r: reply(call.path) }));
      const r = reply('/t/1');
      const fresh = m.cold('--x|').pipe(switchMap(() => transport.request({ ...get('/t/1'), fresh: true })));
      m.expect(transport.request(get('/t/1'))).toBeObservable('----(r|)', { r });
      m.expect(fresh).toBeObservable('------(r|)', { r });
      m.flush();
      expect(calls).toHaveLength(2);
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
      const limited = (path: string): Reply => ({
        ...reply(path),
        headers: { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1' },
      });
      const { transport } = virtualTransport((call) => m.cold<Reply>('-(r|)', { r: limited(call.path) }));
      const at = (frames: string, path: string) => m.cold(frames).pipe(switchMap(() => transport.request(get(path))));
      // /a answers at 1: one call left in a window that resets 1 s later (at 1001).
      m.expect(transport.request(get('/a'))).toBeObservable('-(r|)', { r: limited('/a') });
      m.expect(at('-----x|', '/b')).toBeObservable('------(r|)', { r: limited('/b') });
      m.expect(at('-----x|', '/c')).toBeObservable('1002ms (r|)', { r: limited('/c') });
    }),
  );

  it(
    'reads the limit from the newest call when answers arrive out of order (an older answer overstates what is left)',
    marbles((m) => {
      // /a is sent first but answers last (at 5) with 5 left; /b, sent after it, answers at 2 with
      // none left until 1 s later (1002): /c at 6 waits for that reset.
      const headers = (remaining: string) => ({ 'x-ratelimit-remaining': remaining, 'x-ratelimit-reset': '1' });
      const { transport } = virtualTransport((call) =>
        call.path === '/a'
          ? m.cold<Reply>('-----(r|)', { r: { ...reply('/a'), headers: headers('5') } })
          : m.cold<Reply>('--(r|)', { r: { ...reply(call.path), headers: headers('0') } }),
      );
      const at = (frames: string, path: string) => m.cold(frames).pipe(switchMap(() => transport.request(get(path))));
      transport.request(get('/a')).subscribe();
      at('x|', '/b').subscribe();
      m.expect(at('------x|', '/c')).toBeObservable('1004ms (r|)', { r: { ...reply('/c'), headers: headers('0') } });
    }),
  );
});

describe('the rate-limit gate: no hold outlives its reason (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  const HOUR = 3_600_000;
  /** A server that answers `first` to the first call of `path`, then a plain reply to everything. */
  const once = (m: Parameters<Parameters<typeof marbles>[0]>[0], path: string, first: Observable<Reply>) => {
    let used = false;
    return (call: { path: string }): Observable<Reply> => {
      if (call.path === path && !used) {
        used = true;
        return first;
      }
      return m.cold<Reply>('-(r|)', { r: reply(call.path) });
    };
  };
  /** The call's outcome as a value: its reply, or its error. */
  const settle = (o: Observable<Reply>) => o.pipe(catchError((e: unknown) => of(e)));

  it(
    'a wait past maxRetryAfterMs (up to 24 h): calls in it fail at once, unsent, with a RateLimitError' +
      ' saying how long' +
      ' and until when; after it, calls go again',
    marbles((m) => {
      const limited = new RateLimitError({ method: 'GET', url: 'http://test/v1/a' }, '', HOUR);
      const { transport, calls } = virtualTransport(once(m, '/a', m.cold<Reply>('-#', {}, limited)), {
        retry: { random: () => 1 },
      });
      const at = (frames: string, path: string) =>
        m.cold(frames).pipe(switchMap(() => settle(transport.request(get(path)))));
      let refused: unknown;
      // /a is answered 429 at 1, asking for an hour (more than the default 60 s): not retried.
      m.expect(settle(transport.request(get('/a')))).toBeObservable('-(e|)', { e: limited });
      m.expect(at('5ms (x|)', '/b').pipe(switchMap((e) => ((refused = e), of('refused'))))).toBeObservable('5ms (x|)', {
        x: 'refused',
      });
      // 50 s before the hour ends what is left is within 60 s: held, then sent.
      m.expect(at(`${HOUR - 50_000}ms x|`, '/c')).toBeObservable(`${HOUR + 2}ms (r|)`, { r: reply('/c') });
      m.expect(at(`${HOUR + 100}ms x|`, '/d')).toBeObservable(`${HOUR + 101}ms (r|)`, { r: reply('/d') });
      m.flush();
      expect(calls.map((c) => c.path)).toEqual(['/a', '/c', '/d']);
      expect(refused).toBeInstanceOf(RateLimitError);
      expect(refused).toMatchObject({
        status: 429,
        method: 'GET',
        url: 'http://test/v1/b',
        retryAfterMs: HOUR + 1 - 5,
      });
      expect((refused as Error).message).toMatch(
        new RegExp(
          '^GET http://test/v1/b was not sent: the server asked to wait 3600 s' +
            ' \\(until \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\), longer than maxRetryAfterMs \\(60 s\\)',
        ),
      );
    }),
  );

  it(
    'with retry: false the gate holds up to maxRetryAfterMs (60 s): a 30 s wait holds all calls, 2 min refuses them',
    marbles((m) => {
      const short = virtualTransport(
        once(m, '/a', m.cold<Reply>('-#', {}, new RateLimitError({ method: 'GET', url: 'u' }, '', 30_000))),
      );
      const long = virtualTransport(
        once(m, '/a', m.cold<Reply>('-#', {}, new RateLimitError({ method: 'GET', url: 'u' }, '', 120_000))),
      );
      for (const { transport } of [short, long]) transport.request(get('/a')).subscribe({ error: () => undefined });
      const at = (t: typeof short, path: string) =>
        m.cold('5ms (x|)').pipe(switchMap(() => settle(t.transport.request(get(path)))));
      m.expect(at(short, '/b')).toBeObservable('30002ms (r|)', { r: reply('/b') });
      m.expect(at(long, '/b').pipe(switchMap((e) => of((e as Error).name)))).toBeObservable('5ms (x|)', {
        x: 'RateLimitError',
      });
      m.flush();
      expect(long.calls.map((c) => c.path)).toEqual(['/a']);
    }),
  );

  it(
    'a Retry-After past 24 h, or negative, is ignored: back-off and a 1 s hold, as for a 429 without one',
    marbles((m) => {
      for (const asked of [999_999_000, 99_999_999_000, -5000]) {
        const limited = new RateLimitError({ method: 'GET', url: 'http://test/v1/a' }, '', asked);
        const { transport } = virtualTransport(once(m, '/a', m.cold<Reply>('-#', {}, limited)), {
          retry: { baseDelayMs: 10, random: () => 1 },
        });
        // /a fails at 1 and is retried after 10 ms; both it and /b then wait for the 1 s hold.
        m.expect(transport.request(get('/a'))).toBeObservable('1002ms (r|)', { r: reply('/a') });
        m.expect(m.cold('5ms (x|)').pipe(switchMap(() => transport.request(get('/b'))))).toBeObservable('1002ms (r|)', {
          r: reply('/b'),
        });
      }
    }),
  );

  it(
    'a 429 without Retry-After never refuses calls: its short hold stays within maxRetryAfterMs',
    marbles((m) => {
      const limited = new RateLimitError({ method: 'GET', url: 'http://test/v1/a' }, '');
      const { transport } = virtualTransport(once(m, '/a', m.cold<Reply>('-#', {}, limited)), {
        retry: { maxRetryAfterMs: 0, baseDelayMs: 10, random: () => 1 },
      });
      m.expect(transport.request(get('/a'))).toBeObservable('12ms (r|)', { r: reply('/a') });
      m.expect(m.cold('5ms (x|)').pipe(switchMap(() => transport.request(get('/b'))))).toBeObservable('6ms (r|)', {
        r: reply('/b'),
      });
    }),
  );

  it(
    'X-RateLimit-Remaining: 0 with a Reset past 24 h or unreadable is ignored;' +
      ' with one past maxRetryAfterMs calls fail at once until the reset',
    marbles((m) => {
      // Values as rxjs gives them over xhr2, with the raw header's '\r' left on.
      const spent = (reset: string): Reply => ({
        ...reply('/a'),
        headers: { 'x-ratelimit-remaining': '0\r', 'x-ratelimit-reset': `${reset}\r` },
      });
      for (const reset of ['999999', '86401', '-5', 'soon', '']) {
        const { transport } = virtualTransport(once(m, '/a', m.cold<Reply>('-(r|)', { r: spent(reset) })));
        m.expect(transport.request(get('/a'))).toBeObservable('-(r|)', { r: spent(reset) });
        m.expect(m.cold('5ms (x|)').pipe(switchMap(() => transport.request(get('/b'))))).toBeObservable('6ms (r|)', {
          r: reply('/b'),
        });
      }
      // Reset in an hour (seconds from now): refused until then, held in its last minute.
      const { transport, calls } = virtualTransport(once(m, '/a', m.cold<Reply>('-(r|)', { r: spent('3600') })));
      const at = (t: number, path: string) =>
        m.cold(`${t}ms (x|)`).pipe(switchMap(() => settle(transport.request(get(path)))));
      m.expect(transport.request(get('/a'))).toBeObservable('-(r|)', { r: spent('3600') });
      m.expect(at(5, '/b').pipe(switchMap((e) => of((e as Error).name)))).toBeObservable('5ms (x|)', {
        x: 'RateLimitError',
      });
      m.expect(at(HOUR - 10_000, '/c')).toBeObservable(`${HOUR + 2}ms (r|)`, { r: reply('/c') });
      m.flush();
      expect(calls.map((c) => c.path)).toEqual(['/a', '/c']);
    }),
  );

  it(
    'a longer wait reaching calls already held turns them into refusals at once',
    marbles((m) => {
      const { transport, calls } = virtualTransport((call) => {
        if (call.path === '/a')
          return m.cold<Reply>('-#', {}, new RateLimitError({ method: 'GET', url: 'u' }, '', 10_000));
        if (call.path === '/b')
          return m.cold<Reply>('--#', {}, new RateLimitError({ method: 'GET', url: 'u' }, '', HOUR));
        return m.cold<Reply>('-(r|)', { r: reply(call.path) });
      });
      transport.request(get('/a')).subscribe({ error: () => undefined });
      transport.request(get('/b')).subscribe({ error: () => undefined });
      // /c arrives at 1 held for 10 s; at 2 /b's answer asks for an hour.
      const c = m
        .cold('-x|')
        .pipe(switchMap(() => settle(transport.request(get('/c'))).pipe(switchMap((e) => of((e as Error).name)))));
      m.expect(c).toBeObservable('--(x|)', { x: 'RateLimitError' });
      m.flush();
      expect(calls.map((call) => call.path)).toEqual(['/a', '/b']);
    }),
  );

  it(
    'a held call that is unsubscribed leaves cleanly: never sent, and the next call goes when the hold ends',
    marbles((m) => {
      const limited = new RateLimitError({ method: 'GET', url: 'http://test/v1/a' }, '', 50);
      const { transport, calls } = virtualTransport(once(m, '/a', m.cold<Reply>('-#', {}, limited)), {
        concurrency: 1,
      });
      transport.request(get('/a')).subscribe({ error: () => undefined });
      m.expect(m.cold('5ms (x|)').pipe(switchMap(() => transport.request(get('/b')))), '^ 19ms !').toBeObservable('');
      m.expect(m.cold('30ms x|').pipe(switchMap(() => transport.request(get('/c'))))).toBeObservable('52ms (r|)', {
        r: reply('/c'),
      });
      m.flush();
      expect(calls.map((c) => c.path)).toEqual(['/a', '/c']);
    }),
  );
});
