// Our copy of io-ts's `Type` (lib/codecs/io-type.ts) behaves as io-ts's own: the same results and
// error contexts for decode, pipe and the helpers, and our codecs compose with io-ts's combinators.
import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import { codecs } from '../../lib/codecs';
import * as io from '../../lib/codecs/io-type';

const isNum = (u: unknown): u is number => typeof u === 'number';
/** The same codec made with either class: numbers, and numeric strings read as numbers. */
function numberCodec(Type: typeof t.Type, success: typeof t.success, failure: typeof t.failure) {
  return new Type<number, number, unknown>(
    'NumberLike',
    isNum,
    (u, c) => (isNum(u) ? success(u) : typeof u === 'string' && u !== '' && !isNaN(+u) ? success(+u) : failure(u, c)),
    (a) => a,
  );
}
const ours = numberCodec(io.Type, io.success, io.failure);
const theirs = numberCodec(t.Type, t.success, t.failure);
const positive = new t.Type<number, number, number>(
  'Positive',
  (u): u is number => isNum(u) && u > 0,
  (n, c) => (n > 0 ? t.success(n) : t.failure(n, c, 'not positive')),
  (a) => a,
);

/** A result without the codec objects in its contexts (ours and io-ts's are different objects). */
const shape = (v: t.Validation<unknown>) =>
  isRight(v)
    ? v
    : v.left.map((e) => ({
        value: e.value,
        message: e.message,
        context: e.context.map((c) => [c.key, c.actual, c.type.name]),
      }));

describe('io-type: io-ts Type, without loading io-ts', () => {
  beforeEach(() => expect.hasAssertions());

  it.each([[1], ['2'], ['x'], [null], [-3], ['-4']])(
    'decodes %j as io-ts does, errors and contexts included',
    (input) => {
      expect(shape(ours.decode(input))).toEqual(shape(theirs.decode(input)));
      expect(shape(ours.pipe(positive).decode(input))).toEqual(shape(theirs.pipe(positive).decode(input)));
    },
  );

  it('names a pipe as io-ts does, and returns itself as decoder and encoder', () => {
    expect(ours.pipe(positive).name).toBe(theirs.pipe(positive).name);
    expect(ours.asDecoder()).toBe(ours);
    expect(ours.asEncoder()).toBe(ours);
    expect(ours.pipe(positive).encode(5)).toBe(5);
  });

  it('keeps decode bound, as io-ts does (codecs are passed around as functions)', () => {
    const decode = ours.decode;
    expect(shape(decode('7'))).toEqual(shape(theirs.decode('7')));
  });

  it('appendContext and the result helpers give what io-ts gives', () => {
    const c: t.Context = [{ key: '', type: theirs, actual: {} }];
    expect(io.appendContext(c, 'a', theirs, 1)).toEqual(t.appendContext(c, 'a', theirs, 1));
    expect(io.failures([])).toEqual(t.failures([]));
    expect(io.failure(1, c, 'm')).toEqual(t.failure(1, c, 'm'));
  });

  it("composes with io-ts's combinators: an array, a union and an exact type of our codecs", () => {
    const tag = { id: 1, name: 'Core', space_id: 's', state: 2, created_at: '2014-09-10T10:00:00Z', updated_at: null };
    const list = t.array(codecs.Tag).decode([{ ...tag, updated_at: tag.created_at }]);
    expect(isRight(list) && list.right[0].created_at).toEqual(new Date('2014-09-10T10:00:00Z'));
    expect(isRight(t.union([codecs.Tag, t.null]).decode(null))).toBe(true);
    const wrong = t.array(codecs.Tag).decode([{ ...tag, id: 'x' }]);
    expect(isRight(wrong)).toBe(false);
  });
});
