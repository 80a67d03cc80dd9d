import { isRight } from 'fp-ts/Either';
import { PathReporter } from 'io-ts/PathReporter';
import { derived, entity, Integer, nullable, optional, PlainDate, Str, Timestamp } from '../../lib/codecs';
import { errorPaths } from './support';

// A small entity exercising every kind of declaration.
const Thing = entity('Thing', {
  id: Integer,
  title: Str,
  due: nullable(PlainDate),
  at: optional(Timestamp),
  note: optional(nullable(Str)),
  inner: optional(entity('Inner', { a: nullable(Str) })),
});
const good = { id: 7, title: 'T', due: '2014-09-18', at: '2014-09-10T13:39:40Z', note: null, inner: { a: 'x' } };

describe('codecs/entity', () => {
  beforeEach(() => expect.hasAssertions());

  it('decodes and converts every declared field', () => {
    const r = Thing.decode(good);
    expect(isRight(r)).toBe(true);
    if (isRight(r)) {
      expect(r.right).toEqual({
        ...good,
        due: new Date(Date.UTC(2014, 8, 18)),
        at: new Date(Date.UTC(2014, 8, 10, 13, 39, 40)),
      });
      expect(r.right).not.toBe(good);
    }
  });

  it('does not change its input', () => {
    const input = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
    Thing.decode(input);
    expect(input).toEqual(good);
  });

  it('leaves optional keys out when absent, and keeps null where nullable', () => {
    const r = Thing.decode({ id: 1, title: 'x', due: null });
    expect(isRight(r) && r.right).toEqual({ id: 1, title: 'x', due: null });
    expect(isRight(r) && Object.keys(r.right)).toEqual(['id', 'title', 'due']);
  });

  it('keeps unknown keys unchanged, even awkward names', () => {
    const extra = { id: 1, title: 'x', due: null, future: { deep: [1, 2] }, constructor: 'c', toString: 5 };
    const r = Thing.decode(extra);
    expect(isRight(r)).toBe(true);
    if (isRight(r)) {
      const o = r.right as unknown as Record<string, unknown>;
      expect(o.future).toEqual({ deep: [1, 2] });
      expect(o.constructor).toBe('c');
      expect(o.toString).toBe(5);
    }
  });

  it('keeps a "__proto__" key as data, never as the prototype', () => {
    const r = Thing.decode(JSON.parse('{"id":1,"title":"x","due":null,"__proto__":{"polluted":true}}'));
    expect(isRight(r)).toBe(true);
    if (isRight(r)) {
      expect(Object.getPrototypeOf(r.right)).toBe(Object.prototype);
      expect((r.right as unknown as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getOwnPropertyDescriptor(r.right, '__proto__')?.value).toEqual({ polluted: true });
    }
  });

  it('reports each wrong or missing field with its path', () => {
    expect(errorPaths(Thing, { id: 'seven', title: 'x', due: null })).toEqual(['id']);
    expect(errorPaths(Thing, { title: 'x', due: null })).toEqual(['id']);
    expect(errorPaths(Thing, { id: 1, title: null, due: 'soon', at: null })).toEqual(['title', 'due', 'at']);
    expect(errorPaths(Thing, { id: 1, title: 'x', due: null, inner: { a: 3 } })).toEqual(['inner.a']);
    expect(errorPaths(Thing, [good])).toEqual(['']);
    expect(PathReporter.report(Thing.decode({ id: 1, title: 'x', due: 5 }))[0]).toContain(
      'Thing/due: PlainDate | null',
    );
  });

  it('treats an undefined value as an absent key', () => {
    expect(isRight(Thing.decode({ ...good, at: undefined }))).toBe(true);
    expect(errorPaths(Thing, { ...good, id: undefined })).toEqual(['id']);
  });

  it('describes its fields', () => {
    expect(Thing.fields).toEqual({
      id: { kind: 'integer', nullable: false, optional: false },
      title: { kind: 'string', nullable: false, optional: false },
      due: { kind: 'date', nullable: true, optional: false },
      at: { kind: 'datetime', nullable: false, optional: true },
      note: { kind: 'string', nullable: true, optional: true },
      inner: { kind: 'object', nullable: false, optional: true },
    });
    expect(Thing.fields.constructor).toBeUndefined();
    expect(Object.isFrozen(Thing.fields)).toBe(true);
  });

  it('encodes back to wire JSON, unknown keys included', () => {
    const r = Thing.decode({ ...good, extra: 'kept' });
    expect(isRight(r) && Thing.encode(r.right)).toEqual({ ...good, extra: 'kept', at: '2014-09-10T13:39:40Z' });
  });

  it('is() accepts decoded values only', () => {
    const r = Thing.decode(good);
    expect(isRight(r) && Thing.is(r.right)).toBe(true);
    expect(Thing.is(good)).toBe(false);
    expect(Thing.is(null)).toBe(false);
  });

  it('runs refine last: it may fill in a derived key, or name the key that is wrong', () => {
    const Pair = entity('Pair', { name: optional(Str), alias: derived(Str) }, (o) => {
      if (typeof o.alias !== 'string' && typeof o.name === 'string') o.alias = o.name;
      return typeof o.alias === 'string' ? undefined : 'alias';
    });
    expect(Pair.decode({ name: 'n' })).toEqual({ _tag: 'Right', right: { name: 'n', alias: 'n' } });
    expect(Pair.decode({ alias: 'a' })).toEqual({ _tag: 'Right', right: { alias: 'a' } });
    expect(errorPaths(Pair, {})).toEqual(['alias']);
    expect(Pair.fields.alias.optional).toBe(false);
  });
});
