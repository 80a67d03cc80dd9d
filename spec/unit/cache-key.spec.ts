import { cacheKey, cacheTag } from '../../lib/cache/key';

describe('cacheKey', () => {
  beforeEach(() => expect.hasAssertions());

  it('is the request URL below the base: path, then parameters, arrays repeating their name', () => {
    expect(cacheKey('/spaces/x/users')).toBe('/v1/spaces/x/users');
    expect(cacheKey('/spaces/x/tickets', { 'number[]': [3, 4], report: 0 })).toBe(
      '/v1/spaces/x/tickets?number%5B%5D=3&number%5B%5D=4&report=0',
    );
  });

  it('gives one key to one request, however its parameters were put together', () => {
    const a = cacheKey('/spaces/x/tickets', { report: 0, sort_by: 'number', sort_order: 'asc' });
    expect(cacheKey('/spaces/x/tickets', { sort_order: 'asc', sort_by: 'number', report: 0 })).toBe(a);
    expect(cacheKey('/spaces/x/tickets', { sort_order: 'asc', page: undefined, sort_by: 'number', report: 0 })).toBe(a);
    expect(cacheKey('/spaces/x/tickets', {})).toBe(cacheKey('/spaces/x/tickets'));
  });

  it('tells apart requests that differ in path, a parameter or its value', () => {
    const keys = [
      cacheKey('/spaces/x/tickets'),
      cacheKey('/spaces/y/tickets'),
      cacheKey('/spaces/x/tickets', { report: 0 }),
      cacheKey('/spaces/x/tickets', { report: 1 }),
      cacheKey('/spaces/x/tickets', { report: 0, sort_by: 'number' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('cacheTag', () => {
  beforeEach(() => expect.hasAssertions());

  it('names what an entry holds: a name and the ids that place it', () => {
    expect(cacheTag('space', 'x')).toBe('space:x');
    expect(cacheTag('ticket', 'x', 201)).toBe('ticket:x/201');
  });
});
