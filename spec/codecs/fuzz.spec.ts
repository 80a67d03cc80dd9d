// Random JSON and mutated recordings fed to every codec: decoding never throws, and its answer is
// either a valid entity or errors that say where.
import fc from 'fast-check';
import { isLeft } from 'fp-ts/Either';
import { codecs, decodeEntity, decodeList, EntityCodec } from '../../lib/codecs';
import { DecodeError } from '../../lib/core/errors';
import { RECORDED_KINDS, recordedSamples } from '../support/recorded-kinds';

const RUNS = 400;
const URL = 'GET https://fuzz/v1/x';

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** Every Date in a decoded value is valid and every number finite. */
function nativeValuesValid(u: unknown): boolean {
  if (u instanceof Date) return !Number.isNaN(u.getTime());
  if (typeof u === 'number') return Number.isFinite(u);
  if (typeof u === 'object' && u !== null) return Object.values(u).every(nativeValuesValid);
  return true;
}

/** Characters that turn timestamps and numbers into near misses. */
const nearMissChar = fc.constantFrom(...'0123456789-+:.TZz x'.split(''));

/** One change to an object: drop a key, retype or replace a value, add a key, or edit a string. */
function mutation(keys: string[]): fc.Arbitrary<(o: Record<string, unknown>) => unknown> {
  const key = fc.constantFrom(...keys);
  return fc.oneof(
    key.map((k) => (o: Record<string, unknown>) => {
      const { [k]: _, ...rest } = o;
      return rest;
    }),
    fc.tuple(key, fc.jsonValue()).map(([k, v]) => (o: Record<string, unknown>) => ({ ...o, [k]: v })),
    fc
      .tuple(key, fc.constantFrom<unknown>(null, true, 0, -1.5, '', 'abc', '3', [], {}, { type: null, id: null }))
      .map(([k, v]) => (o: Record<string, unknown>) => ({ ...o, [k]: v })),
    fc.tuple(fc.string(), fc.jsonValue()).map(([k, v]) => (o: Record<string, unknown>) => ({ ...o, [k]: v })),
    fc.tuple(key, fc.nat(), nearMissChar).map(([k, at, c]) => (o: Record<string, unknown>) => {
      const v = o[k];
      if (typeof v !== 'string' || v.length === 0) return o;
      const i = at % v.length;
      return { ...o, [k]: v.slice(0, i) + c + v.slice(i + 1) };
    }),
    fc.jsonValue().map((v) => () => v),
  );
}

/** Recorded objects with one to three mutations applied. */
function mutated(samples: Array<Record<string, unknown>>, fieldKeys: string[]): fc.Arbitrary<unknown> {
  const keys = [...new Set([...fieldKeys, ...samples.flatMap((s) => Object.keys(s))])];
  return fc
    .tuple(fc.constantFrom(...samples), fc.array(mutation(keys), { minLength: 1, maxLength: 3 }))
    .map(([sample, ms]) => ms.reduce<unknown>((o, m) => (isObject(o) ? m(o) : o), sample));
}

/** The checks every decode must pass, whatever the input. */
function checkDecode<A>(codec: EntityCodec<A>, input: unknown): void {
  const r = codec.decode(input);
  if (isLeft(r)) {
    expect(r.left.length).toBeGreaterThan(0);
    for (const e of r.left) {
      expect(e.context.length).toBeGreaterThan(0);
      // An object fails in a named field; anything else at the root.
      if (isObject(input)) expect(e.context.length).toBeGreaterThan(1);
    }
  } else {
    expect(isObject(r.right)).toBe(true);
    expect(codec.is(r.right)).toBe(true);
    expect(nativeValuesValid(r.right)).toBe(true);
  }
  let outcome: 'ok' | 'failed' = 'ok';
  try {
    decodeEntity(codec, input, URL);
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError);
    outcome = 'failed';
  }
  expect(outcome).toBe(isLeft(r) ? 'failed' : 'ok');
  expect(() => decodeList(codec, [input], URL)).not.toThrow(TypeError);
}

/** The fuzz tests of one codec, fed with its recorded objects. */
function fuzz<A>(name: string, codec: EntityCodec<A>, samples: Array<Record<string, unknown>>): void {
  describe(name, () => {
    it('never throws on random JSON values', () => {
      fc.assert(
        fc.property(fc.jsonValue(), (json) => checkDecode(codec, json)),
        { numRuns: RUNS, seed: 1 },
      );
    });

    it('never throws on mutated recordings, and answers a valid entity or located errors', () => {
      fc.assert(
        fc.property(mutated(samples, Object.keys(codec.fields)), (json) => checkDecode(codec, json)),
        { numRuns: RUNS, seed: 2 },
      );
    });

    it('fails, naming the key, when a required key is dropped', () => {
      // status_name is required in the result but may be absent on the wire
      const required = Object.keys(codec.fields).filter((k) => !codec.fields[k].optional && k !== 'status_name');
      fc.assert(
        fc.property(fc.constantFrom(...samples), fc.constantFrom(...required), (sample, k) => {
          const { [k]: _, ...rest } = sample;
          const r = codec.decode(rest);
          expect(isLeft(r) && r.left.map((e) => e.context[1]?.key)).toContain(k);
        }),
        { numRuns: 100, seed: 3 },
      );
    });
  });
}

describe('codecs/fuzz', () => {
  beforeEach(() => expect.hasAssertions());

  // Every kind of the table, fed with its recorded objects (or its docs sample); a ticket also in the
  // docs' form, `status` an id next to `status_name`.
  for (const { codec } of RECORDED_KINDS) {
    const samples = recordedSamples(codec);
    fuzz(
      codec.name,
      codec,
      codec === codecs.Ticket ? [...samples, { ...samples[0], status: 1, status_name: 'New' }] : samples,
    );
  }
});
