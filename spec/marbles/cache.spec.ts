import { Observable, switchMap } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
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
});
