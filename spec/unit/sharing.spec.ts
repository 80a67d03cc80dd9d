// Structural sharing (lib/live/sharing.ts): what a live query emits keeps the objects it emitted
// before wherever they are equal by value.
import { deepEqual, shared } from '../../lib/live/sharing';

const byNumber = (item: object) => (item as { number: number }).number;
const t = (number: number, summary = `#${number}`, at = 0) => ({
  number,
  summary,
  updated_at: new Date(at),
  custom_fields: { Team: 'core' },
  tags: ['a'],
});

describe('deepEqual', () => {
  it('compares decoded values: Dates by time, arrays item by item, objects by their keys', () => {
    expect(deepEqual(t(1), t(1))).toBe(true);
    expect(deepEqual(t(1), t(1, '#1', 5))).toBe(false);
    expect(deepEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(deepEqual([], {})).toBe(false);
    expect(deepEqual(new Date(NaN), new Date(NaN))).toBe(true);
    expect(deepEqual(new Date(0), 0)).toBe(false);
    expect(deepEqual(NaN, NaN)).toBe(true);
  });
});

describe('shared', () => {
  it('gives the previous answer itself when nothing changed', () => {
    const before = [t(1), t(2), t(3)];
    expect(shared(before, [t(1), t(2), t(3)], byNumber)).toBe(before);
    const one = t(7);
    expect(shared(one, t(7), byNumber)).toBe(one);
  });

  it('keeps the unchanged items and takes the changed ones, wherever they moved', () => {
    const before = [t(1), t(2), t(3), t(4)];
    const next = [t(0), t(1), t(2, 'Edited'), t(4)]; // 0 inserted, 2 edited, 3 removed
    const after = shared(before, next, byNumber);
    expect(after).not.toBe(before);
    expect(after).toEqual(next);
    expect(after[0]).toBe(next[0]);
    expect(after[1]).toBe(before[0]);
    expect(after[2]).toBe(next[2]);
    expect(after[3]).toBe(before[3]);
  });

  it('a singular that changed is the new object', () => {
    const next = t(7, 'Edited');
    expect(shared(t(7), next, byNumber)).toBe(next);
  });

  it('a list of the same items in another order is a new answer of the old objects', () => {
    const before = [t(1), t(2)];
    const after = shared(before, [t(2), t(1)], byNumber);
    expect(after).not.toBe(before);
    expect(after[0]).toBe(before[1]);
    expect(after[1]).toBe(before[0]);
  });
});
