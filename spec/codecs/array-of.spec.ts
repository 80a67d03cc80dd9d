import { isLeft } from 'fp-ts/Either';
import { arrayOf, Integer, Str, Timestamp } from '../../lib/codecs';
import { decodeOrThrow } from './support';

describe('codecs/array-of', () => {
  beforeEach(() => expect.hasAssertions());

  it('decodes each item with the item codec', () => {
    const dates = decodeOrThrow(arrayOf(Timestamp), ['2014-09-17T16:02:11+05:30', '2014-09-17T10:32:11Z']);
    expect(dates.map((d) => d.toISOString())).toEqual(['2014-09-17T10:32:11.000Z', '2014-09-17T10:32:11.000Z']);
    expect(decodeOrThrow(arrayOf(Integer), ['1', 2])).toEqual([1, 2]);
  });

  it('returns the array itself when no item changed', () => {
    const options = ['Low', 'High'];
    expect(decodeOrThrow(arrayOf(Str), options)).toBe(options);
  });

  it('refuses a non-array and names each wrong item by its index', () => {
    expect(isLeft(arrayOf(Str).decode('Low,High'))).toBe(true);
    expect(isLeft(arrayOf(Str).decode(null))).toBe(true);
    const r = arrayOf(Str).decode(['Low', 2, 'High', false]);
    expect(isLeft(r) && r.left.map((e) => e.context.map((c) => c.key).join('/'))).toEqual(['/1', '/3']);
  });

  it('says what it is, and encodes each item', () => {
    expect(arrayOf(Str)).toMatchObject({ kind: 'array', nullable: false, description: 'an array, each item a string' });
    expect(arrayOf(Timestamp).is([new Date(0)])).toBe(true);
    expect(arrayOf(Timestamp).is(['1970-01-01T00:00:00Z'])).toBe(false);
    expect(arrayOf(Timestamp).encode([new Date(0)])).toEqual(['1970-01-01T00:00:00Z']);
  });
});
