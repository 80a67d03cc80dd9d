import { isLeft, isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  Bool,
  formatPlainDate,
  formatTimestamp,
  Integer,
  INVALID,
  nullable,
  Num,
  parsePlainDate,
  parseTimestamp,
  PlainDate,
  Str,
  StringRecord,
  Timestamp,
} from '../../lib/codecs';

function right<A>(r: t.Validation<A>): A {
  if (isLeft(r)) throw new Error(`expected Right, got ${JSON.stringify(r)}`);
  return r.right;
}

describe('codecs/primitives', () => {
  beforeEach(() => expect.hasAssertions());

  describe('Timestamp', () => {
    it.each([
      ['2014-09-10T13:39:40Z', '2014-09-10T13:39:40.000Z'],
      ['2014-09-08T16:32:06+03:00', '2014-09-08T13:32:06.000Z'],
      ['2014-09-17T16:02:11+05:30', '2014-09-17T10:32:11.000Z'],
      ['2014-09-18T09:11:03+00:00', '2014-09-18T09:11:03.000Z'],
      ['2014-09-18T09:11:03-08:00', '2014-09-18T17:11:03.000Z'],
      ['2014-12-31T23:30:00-10:00', '2015-01-01T09:30:00.000Z'],
      ['2014-09-10T13:39:40.5Z', '2014-09-10T13:39:40.500Z'],
      ['2014-09-10T13:39:40.123456+01:00', '2014-09-10T12:39:40.123Z'],
      ['2016-02-29T00:00:00z', '2016-02-29T00:00:00.000Z'],
      ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ])('decodes %s as the instant %s', (wire, iso) => {
      const d = right<Date>(Timestamp.decode(wire));
      expect(d).toBeInstanceOf(Date);
      expect(d.toISOString()).toBe(iso);
      expect(parseTimestamp(wire)).toBe(Date.parse(iso));
    });

    it('agrees with Date.parse on many generated timestamps', () => {
      for (let i = 0; i < 500; i++) {
        const ms = Date.UTC(1990, 0, 1) + i * 7_919_777_123;
        const offset = ((i % 7) - 3) * 90; // minutes, -270..+270
        const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
        const sign = offset < 0 ? '-' : '+';
        const a = Math.abs(offset);
        const wire = `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
        expect(parseTimestamp(wire)).toBe(Date.parse(wire));
        expect(parseTimestamp(wire)).toBe(Math.floor(ms / 1000) * 1000);
      }
    });

    it.each([
      ['no offset', '2014-09-10T13:39:40'],
      ['a date only', '2014-09-10'],
      ['a space instead of T', '2014-09-10 13:39:40Z'],
      ['month 13', '2014-13-10T13:39:40Z'],
      ['30 February', '2014-02-30T13:39:40Z'],
      ['29 February of a common year', '2014-02-29T13:39:40Z'],
      ['hour 24', '2014-09-10T24:00:00Z'],
      ['second 60', '2014-09-10T13:39:60Z'],
      ['offset without colon', '2014-09-10T13:39:40+0300'],
      ['offset hour 24', '2014-09-10T13:39:40+24:00'],
      ['trailing text', '2014-09-10T13:39:40Zx'],
      ['an empty fraction', '2014-09-10T13:39:40.Z'],
      ['letters', 'yesterday at noon, roughly'],
      ['an empty string', ''],
    ])('rejects %s', (_, wire) => {
      expect(Number.isNaN(parseTimestamp(wire))).toBe(true);
      expect(Timestamp.parse(wire)).toBe(INVALID);
      expect(isLeft(Timestamp.decode(wire))).toBe(true);
    });

    it.each([[1410356380000], [null], [undefined], [{}], [new Date()]])('rejects the non-string %p', (u) => {
      expect(isLeft(Timestamp.decode(u))).toBe(true);
    });

    it('encodes as UTC with whole seconds, milliseconds only when there are some', () => {
      expect(Timestamp.encode(new Date('2014-09-08T13:32:06Z'))).toBe('2014-09-08T13:32:06Z');
      expect(formatTimestamp(new Date('2014-09-08T13:32:06.045Z'))).toBe('2014-09-08T13:32:06.045Z');
      expect(Timestamp.encode(right<Date>(Timestamp.decode('2014-09-17T16:02:11+05:30')))).toBe('2014-09-17T10:32:11Z');
    });
  });

  describe('PlainDate', () => {
    it('decodes YYYY-MM-DD as UTC midnight and encodes it back', () => {
      const d = right<Date>(PlainDate.decode('2014-09-18'));
      expect(d.toISOString()).toBe('2014-09-18T00:00:00.000Z');
      expect(PlainDate.encode(d)).toBe('2014-09-18');
      expect(formatPlainDate(new Date(Date.UTC(2016, 1, 29)))).toBe('2016-02-29');
    });

    it('takes a full timestamp for the calendar date it is written in', () => {
      expect(parsePlainDate('2014-09-18T09:11:03+00:00')).toBe(Date.UTC(2014, 8, 18));
      expect(parsePlainDate('2014-09-18T23:30:00-08:00')).toBe(Date.UTC(2014, 8, 18));
      expect(parsePlainDate('2014-09-18T00:30:00+05:30')).toBe(Date.UTC(2014, 8, 18));
    });

    it.each(['2014-9-18', '2014-09-31', '18.09.2014', '2014-09-18T25:00:00Z', '2014-09-18X', 'next week'])(
      'rejects %p',
      (wire) => {
        expect(isLeft(PlainDate.decode(wire))).toBe(true);
      },
    );
  });

  describe('Integer and Num', () => {
    it('take numbers and coerce numeric strings', () => {
      expect(right(Integer.decode(3))).toBe(3);
      expect(right(Integer.decode('3'))).toBe(3);
      expect(right(Integer.decode('-12'))).toBe(-12);
      expect(right(Num.decode(-1.0))).toBe(-1);
      expect(right(Num.decode('-1.0'))).toBe(-1);
      expect(right(Num.decode('2.5'))).toBe(2.5);
      expect(right(Num.decode('1e3'))).toBe(1000);
      expect(right(Integer.decode('3.0'))).toBe(3);
    });

    it.each([
      ['abc'],
      [''],
      [' 3'],
      ['3 '],
      ['0x10'],
      ['Infinity'],
      ['NaN'],
      ['1e999'],
      [Infinity],
      [NaN],
      [true],
      [null],
      [[3]],
      [{}],
    ])('reject %p', (u) => {
      expect(isLeft(Num.decode(u))).toBe(true);
      expect(isLeft(Integer.decode(u))).toBe(true);
    });

    it('Integer rejects fractions', () => {
      expect(isLeft(Integer.decode(3.5))).toBe(true);
      expect(isLeft(Integer.decode('3.5'))).toBe(true);
      expect(isRight(Num.decode(3.5))).toBe(true);
    });
  });

  describe('Str, Bool, nullable', () => {
    it('take their own type only, without coercion', () => {
      expect(right(Str.decode(''))).toBe('');
      expect(isLeft(Str.decode(3))).toBe(true);
      expect(right(Bool.decode(false))).toBe(false);
      expect(isLeft(Bool.decode('true'))).toBe(true);
      expect(isLeft(Bool.decode(1))).toBe(true);
    });

    it('nullable keeps null, still checks other values, and says so in its name', () => {
      const T = nullable(Timestamp);
      expect(right(T.decode(null))).toBeNull();
      expect((right(T.decode('2014-09-10T13:39:40Z')) as Date).getTime()).toBe(Date.UTC(2014, 8, 10, 13, 39, 40));
      expect(isLeft(T.decode('x'))).toBe(true);
      expect(isLeft(Timestamp.decode(null))).toBe(true);
      expect(T.name).toBe('Timestamp | null');
      expect(T.nullable).toBe(true);
      expect(T.encode(null)).toBeNull();
    });
  });

  describe('StringRecord', () => {
    it('takes an object of strings as it is', () => {
      const cf = { Build: '42', 'Text Field': '' };
      expect(right(StringRecord.decode(cf))).toBe(cf);
      expect(right(StringRecord.decode({}))).toEqual({});
    });

    it('rejects non-string values (naming the key), arrays and null', () => {
      const r = StringRecord.decode({ Build: 42, ok: 'x' });
      expect(isLeft(r)).toBe(true);
      if (isLeft(r)) expect(r.left.map((e) => e.context.map((c) => c.key).join('/'))).toEqual(['/Build']);
      expect(isLeft(StringRecord.decode(['a']))).toBe(true);
      expect(isLeft(StringRecord.decode(null))).toBe(true);
    });
  });
});
