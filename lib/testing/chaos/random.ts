// Seeded randomness for the local server: a small PRNG for the data generator, and a stateless hash
// for fault decisions (which must not depend on the order in which requests arrive).

/** A seeded pseudo-random source (sfc32). Same seed, same sequence, on every platform. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/**
 * A deterministic PRNG.
 * @example
 * const r = createRandom(1);
 * r.int(1, 6); // the same die roll for seed 1 every time
 */
export function createRandom(seed: number): Random {
  // sfc32 seeded through splitmix32, so nearby seeds give unrelated sequences.
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // warm up: the first outputs of sfc32 are weak
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
  };
  return random;
}

/**
 * An array holding each key `weight` times, so that `random.pick(bag(...))` is a weighted draw.
 * @example
 * random.pick(bag({ open: 3, closed: 1 })); // 'open' three times out of four
 */
export function bag<K extends string>(weights: Readonly<Record<K, number>>): K[] {
  return (Object.keys(weights) as K[]).flatMap((k) => Array<K>(weights[k]).fill(k));
}

/**
 * A float in [0, 1) from a hash of `text` and `seed` (cyrb53): the same inputs always give the same value.
 * @example
 * hashUnit('GET /v1/spaces#0', 7) === hashUnit('GET /v1/spaces#0', 7); // true
 */
export function hashUnit(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const bits53 = 2097152 * (h2 >>> 0) + (h1 >>> 11); // 21 high bits of h2, 32 of h1
  return bits53 / 2 ** 53;
}
