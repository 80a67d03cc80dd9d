/**
 * A `Date` whose setters throw. Decoded entities are shared by every subscriber and by the caches,
 * and `Object.freeze` does not stop `setTime`, so their dates are made unchangeable this way. It is
 * still a `Date` in every other respect (`instanceof Date`, getters, `toJSON`, comparisons).
 *
 * @example
 * const d = new FrozenDate(0);
 * d.getTime();   // 0
 * d.setTime(1);  // TypeError
 * new Date(d);   // a changeable copy
 */
export class FrozenDate extends Date {}

const SETTERS = [
  'setTime',
  'setMilliseconds',
  'setSeconds',
  'setMinutes',
  'setHours',
  'setDate',
  'setMonth',
  'setFullYear',
  'setUTCMilliseconds',
  'setUTCSeconds',
  'setUTCMinutes',
  'setUTCHours',
  'setUTCDate',
  'setUTCMonth',
  'setUTCFullYear',
  'setYear',
] as const;

for (const name of SETTERS) {
  Object.defineProperty(FrozenDate.prototype, name, {
    value(): never {
      throw new TypeError(
        `${name}() on a date of an assembla-rx entity: entities are frozen; change a copy made with new Date(date)`,
      );
    },
  });
}
