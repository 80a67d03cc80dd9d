import { Observable, switchMap } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { invalidate, keysTagged, patch } from '../../lib/cache/tags';
import { QueryCache } from '../../lib/cache/query-cache';

describe('QueryCache (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  function setup(m: Parameters<Parameters<typeof marbles>[0]>[0], source = '---(v|)', active = true) {
    const cache = new QueryCache(active);
    const fetched: Array<Observable<string>> = [];
    const fetch = () => {
      const s = m.cold<string>(source, { v: `value${fetched.length + 1}` });
      fetched.push(s);
      return s;
    };
    const at = (frames: string) => m.cold(`${frames}|`).pipe(switchMap(() => cache.get('/k', fetch)));
    return { cache, fetched, fetch, at };
  }

  it(
    'hit: a later subscriber gets the cached value at once, with no second fetch',
    marbles((m) => {
      const { fetched, at } = setup(m);
      m.expect(at('x')).toBeObservable('---(v|)', { v: 'value1' });
      m.expect(at('-----x')).toBeObservable('-----v|', { v: 'value1' });
      m.flush();
      expect(fetched).toHaveLength(1);
    }),
  );

  it(
    'concurrent subscribers share one fetch',
    marbles((m) => {
      const { fetched, at } = setup(m);
      m.expect(at('x')).toBeObservable('---(v|)', { v: 'value1' });
      m.expect(at('-x')).toBeObservable('---(v|)', { v: 'value1' });
      m.flush();
      expect(fetched).toHaveLength(1);
    }),
  );

  it(
    'miss: another key fetches',
    marbles((m) => {
      const { cache, fetched, fetch } = setup(m);
      m.expect(cache.get('/a', fetch)).toBeObservable('---(v|)', { v: 'value1' });
      m.expect(cache.get('/b', fetch)).toBeObservable('---(v|)', { v: 'value2' });
      m.flush();
      expect(fetched).toHaveLength(2);
    }),
  );

  it(
    'deactivate purges and fetches every time; activate caches again from empty',
    marbles((m) => {
      const { cache, fetched, at } = setup(m, '-(v|)');
      m.expect(at('x')).toBeObservable('-(v|)', { v: 'value1' });
      m.scheduler.schedule(() => cache.deactivate(), 3);
      m.expect(at('----x')).toBeObservable('-----(v|)', { v: 'value2' });
      m.expect(at('-------x')).toBeObservable('--------(v|)', { v: 'value3' });
      m.scheduler.schedule(() => cache.activate(), 10);
      m.expect(at('-----------x')).toBeObservable('------------(v|)', { v: 'value4' });
      m.expect(at('--------------x')).toBeObservable('--------------v|', { v: 'value4' });
      m.flush();
      expect(fetched).toHaveLength(4);
      expect(cache.active).toBe(true);
    }),
  );

  it(
    'purge drops what is cached; the next subscriber fetches',
    marbles((m) => {
      const { cache, fetched, at } = setup(m, '-(v|)');
      m.expect(at('x')).toBeObservable('-(v|)', { v: 'value1' });
      m.scheduler.schedule(() => cache.purge(), 3);
      m.expect(at('-----x')).toBeObservable('------(v|)', { v: 'value2' });
      m.flush();
      expect(fetched).toHaveLength(2);
    }),
  );

  it(
    'purge during a request keeps that response out of the cache (its subscriber still gets it)',
    marbles((m) => {
      const { cache, fetched, at } = setup(m, '-----(v|)');
      m.expect(at('x')).toBeObservable('-----(v|)', { v: 'value1' });
      m.scheduler.schedule(() => cache.purge(), 2);
      m.expect(at('-------x')).toBeObservable('------------(v|)', { v: 'value2' });
      m.flush();
      expect(fetched).toHaveLength(2);
      expect(cache.peek('/k')).toBe('value2');
    }),
  );

  it(
    'errors are not cached',
    marbles((m) => {
      const cache = new QueryCache(true);
      let n = 0;
      const fetch = () =>
        ++n === 1 ? m.cold<string>('-#', {}, new Error('boom')) : m.cold<string>('-(v|)', { v: 'ok' });
      m.expect(cache.get('/k', fetch)).toBeObservable('-#', {}, new Error('boom'));
      m.expect(m.cold('---x|').pipe(switchMap(() => cache.get('/k', fetch)))).toBeObservable('----(v|)', { v: 'ok' });
      m.flush();
      expect(n).toBe(2);
    }),
  );

  it(
    'when every subscriber leaves before the answer, the fetch is cancelled and the next subscriber starts anew',
    marbles((m) => {
      const { fetched, at } = setup(m, '-----(v|)');
      m.expect(at('x'), '^--!').toBeObservable('----');
      m.expect(at('------x')).toBeObservable('-----------(v|)', { v: 'value1' });
      m.flush();
      expect(fetched).toHaveLength(1);
      m.expect(fetched[0]).toHaveSubscriptions(['^--!', '------^----!']);
    }),
  );

  it(
    'useCache: false starts inactive; the commands go through invalidations$',
    marbles((m) => {
      const { cache, fetched, at } = setup(m, '-(v|)', false);
      const seen: string[] = [];
      cache.invalidations$.subscribe((c) => seen.push(c));
      m.expect(at('x')).toBeObservable('-(v|)', { v: 'value1' });
      m.expect(at('---x')).toBeObservable('----(v|)', { v: 'value2' });
      m.flush();
      cache.activate();
      cache.purge();
      expect(fetched).toHaveLength(2);
      expect(seen).toEqual(['activate', 'purge']);
    }),
  );

  describe('tags', () => {
    /** A fetch per key that counts its calls and answers `<key>#<call>` after `frames`. */
    function keyed(m: Parameters<Parameters<typeof marbles>[0]>[0], frames = '-') {
      const calls: Record<string, number> = {};
      const fetch = (key: string) => () => {
        calls[key] = (calls[key] ?? 0) + 1;
        return m.cold<string>(`${frames}(v|)`, { v: `${key}#${calls[key]}` });
      };
      return { calls, fetch };
    }

    it(
      'invalidate drops the entries carrying any of the tags; the others are served without a refetch',
      marbles((m) => {
        const cache = new QueryCache(true);
        const { calls, fetch } = keyed(m);
        const tagged: Record<string, string[]> = {
          '/ticket': ['ticket:s/1', 'tickets:s'],
          '/tickets': ['tickets:s'],
          '/comments': ['comments:s/1'],
          '/users': ['users:s'],
        };
        const read = (key: string) => cache.get(key, fetch(key), tagged[key]);
        for (const key of Object.keys(tagged)) m.expect(read(key)).toBeObservable('-(v|)', { v: `${key}#1` });
        m.scheduler.schedule(() => invalidate(cache, 'tickets:s', 'comments:s/1'), 3);
        const later = (key: string) => m.cold('-----x|').pipe(switchMap(() => read(key)));
        m.expect(later('/ticket')).toBeObservable('------(v|)', { v: '/ticket#2' });
        m.expect(later('/tickets')).toBeObservable('------(v|)', { v: '/tickets#2' });
        m.expect(later('/comments')).toBeObservable('------(v|)', { v: '/comments#2' });
        m.expect(later('/users')).toBeObservable('-----v|', { v: '/users#1' });
        m.flush();
        expect(calls).toEqual({ '/ticket': 2, '/tickets': 2, '/comments': 2, '/users': 1 });
      }),
    );

    it(
      'an entry invalidated in flight: its subscriber gets the answer, the cache does not; the next subscriber fetches',
      marbles((m) => {
        const cache = new QueryCache(true);
        const { calls, fetch } = keyed(m, '-----');
        const read = () => cache.get('/k', fetch('/k'), ['t']);
        const at = (frames: string) => m.cold(`${frames}|`).pipe(switchMap(read));
        m.expect(at('x')).toBeObservable('-----(v|)', { v: '/k#1' });
        m.scheduler.schedule(() => invalidate(cache, 't'), 2);
        // Asked at 3, while the first answer (due at 5) is still on its way: a fetch of its own.
        m.expect(at('---x')).toBeObservable('--------(v|)', { v: '/k#2' });
        // Asked at 6, after the first answer arrived: it shares the second fetch, not that answer.
        m.scheduler.schedule(() => expect(cache.peek('/k')).toBeUndefined(), 6);
        m.expect(at('------x')).toBeObservable('--------(v|)', { v: '/k#2' });
        m.flush();
        expect(calls['/k']).toBe(2);
        expect(cache.peek('/k')).toBe('/k#2');
      }),
    );

    it(
      'patch replaces the completed values of the tagged entries (frozen), and fetches nothing',
      marbles((m) => {
        const cache = new QueryCache(true);
        let fetches = 0;
        const list = (items: string[]) => () => (fetches++, m.cold<string[]>('-(v|)', { v: items }));
        m.expect(cache.get('/a', list(['a1', 'a2']), ['tickets:s'])).toBeObservable('-(v|)', { v: ['a1', 'a2'] });
        m.expect(cache.get('/b', list(['b1']), ['tickets:s'])).toBeObservable('-(v|)', { v: ['b1'] });
        m.expect(cache.get('/c', list(['c1']), ['users:s'])).toBeObservable('-(v|)', { v: ['c1'] });
        m.flush();
        const seen: string[] = [];
        patch<string[]>(cache, 'tickets:s', (value, key) => (seen.push(key), [...value, `${key} patched`]));
        expect(seen).toEqual(['/a', '/b']);
        expect(cache.peek('/a')).toEqual(['a1', 'a2', '/a patched']);
        expect(Object.isFrozen(cache.peek('/a'))).toBe(true);
        const again: string[][] = [];
        cache.get('/b', list([]), ['tickets:s']).subscribe((v) => again.push(v));
        cache.get('/c', list([]), ['users:s']).subscribe((v) => again.push(v));
        expect(again).toEqual([['b1', '/b patched'], ['c1']]);
        expect(fetches).toBe(3);
      }),
    );

    it(
      'patch drops an entry still in flight instead (its answer may predate the change): the next one fetches',
      marbles((m) => {
        const cache = new QueryCache(true);
        const { calls, fetch } = keyed(m, '----');
        const update = jest.fn((v: string) => `${v} patched`);
        m.expect(cache.get('/k', fetch('/k'), ['t'])).toBeObservable('----(v|)', { v: '/k#1' });
        m.scheduler.schedule(() => patch(cache, 't', update), 2);
        m.expect(m.cold('------x|').pipe(switchMap(() => cache.get('/k', fetch('/k'), ['t'])))).toBeObservable(
          '----------(v|)',
          { v: '/k#2' },
        );
        m.flush();
        expect(update).not.toHaveBeenCalled();
        expect(calls['/k']).toBe(2);
      }),
    );

    it(
      'keysTagged lists the entries carrying a tag, in flight or done, with the tags of every get of the key',
      marbles((m) => {
        const cache = new QueryCache(true);
        const { fetch } = keyed(m, '---');
        cache.get('/a', fetch('/a'), ['x']).subscribe();
        cache.get('/b', fetch('/b'), ['x', 'y']).subscribe();
        cache.get('/a', fetch('/a'), ['z']).subscribe();
        expect(keysTagged(cache, 'x')).toEqual(['/a', '/b']);
        expect(keysTagged(cache, 'z')).toEqual(['/a']);
        m.flush();
        expect(keysTagged(cache, 'y')).toEqual(['/b']);
        invalidate(cache, 'z');
        expect(keysTagged(cache, 'x')).toEqual(['/b']);
        cache.purge();
        expect(keysTagged(cache, 'x')).toEqual([]);
        // An inactive cache keeps nothing, tagged or not.
        cache.deactivate();
        cache.get('/a', fetch('/a'), ['x']).subscribe();
        expect(keysTagged(cache, 'x')).toEqual([]);
      }),
    );

    it('invalidations$ shows only the three user commands; commands$ shows the tag commands too, in order', () => {
      const cache = new QueryCache(true);
      const user: string[] = [];
      const all: unknown[] = [];
      cache.invalidations$.subscribe((c) => user.push(c));
      cache.commands$.subscribe((c) => all.push(typeof c === 'string' ? c : c.type));
      invalidate(cache, 'ticket:s/1');
      cache.purge();
      patch(cache, 'tickets:s', (v) => v);
      cache.deactivate();
      cache.activate();
      expect(user).toEqual(['purge', 'deactivate', 'activate']);
      expect(all).toEqual(['invalidate', 'purge', 'patch', 'deactivate', 'activate']);
    });
  });
});
