import { bag, createRandom, hashUnit } from '../../lib/testing/chaos/random';

describe('random', () => {
  beforeEach(() => expect.hasAssertions());

  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number): number[] => {
      const r = createRandom(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws floats in [0, 1) and integers within bounds, evenly enough', () => {
    const r = createRandom(7);
    const floats = Array.from({ length: 6000 }, () => r.next());
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 6000; i++) counts[r.int(1, 6) - 1]++;
    expect(floats.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.min(...counts)).toBeGreaterThan(850); // 1000 expected each
    expect(counts.reduce((a, b) => a + b)).toBe(6000);
  });

  it('bag() holds each key as often as its weight', () => {
    expect(bag({ a: 2, b: 1 })).toEqual(['a', 'a', 'b']);
  });

  it('hashUnit is a pure function of text and seed, in [0, 1)', () => {
    expect(hashUnit('GET /v1/spaces#0', 1)).toBe(hashUnit('GET /v1/spaces#0', 1));
    expect(hashUnit('GET /v1/spaces#0', 1)).not.toBe(hashUnit('GET /v1/spaces#1', 1));
    expect(hashUnit('GET /v1/spaces#0', 1)).not.toBe(hashUnit('GET /v1/spaces#0', 2));
    const xs = Array.from({ length: 2000 }, (_, i) => hashUnit(`u${i}`, 3));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(xs.filter((x) => x < 0.1).length).toBeGreaterThan(140); // about 200 expected
    expect(xs.filter((x) => x < 0.1).length).toBeLessThan(260);
  });
});
