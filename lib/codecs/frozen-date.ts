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

/**
 * The type of an entity's dates: a `Date` whose setters cannot be called (they throw at run time).
 * It is still assignable to `Date`, so it goes wherever a date is read (`new Date(d)`, date libraries).
 *
 * @example
 * ticket.created_on.getTime();   // fine
 * ticket.created_on.setTime(0);  // compile error: setTime is `never`
 */
export interface ReadonlyDate extends Date {
  readonly setTime: never;
  readonly setMilliseconds: never;
  readonly setSeconds: never;
  readonly setMinutes: never;
  readonly setHours: never;
  readonly setDate: never;
  readonly setMonth: never;
  readonly setFullYear: never;
  readonly setUTCMilliseconds: never;
  readonly setUTCSeconds: never;
  readonly setUTCMinutes: never;
  readonly setUTCHours: never;
  readonly setUTCDate: never;
  readonly setUTCMonth: never;
  readonly setUTCFullYear: never;
}

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
      throw new TypeError(`${name}(): entities are frozen, their dates too; change a copy: new Date(date)`);
    },
  });
}
