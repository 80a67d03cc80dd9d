// Small named codecs for the values Assembla sends: timestamps, plain dates, numbers that may come as
// numeric strings, strings, booleans, records of strings. Each is a real io-ts `Type` and also carries
// `parse`, an allocation-free fast path that the entity codecs call in their hot loop.
import type * as t from 'io-ts';
import { Type, appendContext, failure, failures, success } from './io-type';
import { FrozenDate } from './frozen-date';

/** What a field holds, as the entity codecs report it in `EntityCodec.fields`. */
export type FieldKind =
  'string' | 'integer' | 'number' | 'boolean' | 'datetime' | 'date' | 'record' | 'object' | 'array';

/** Returned by `parse` for a value the codec rejects (a symbol, so that `null` stays a value). */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/**
 * An io-ts codec with a fast path: `parse(u)` is `decode(u)` without the `Either` and the context,
 * returning the value or `INVALID`. `description` says in words what it accepts, for error messages.
 *
 * @example
 * Timestamp.parse('2014-09-10T13:39:40Z')  // Date 2014-09-10T13:39:40.000Z
 * Timestamp.parse('yesterday')             // INVALID
 */
export interface FieldType<A, O = A> extends t.Type<A, O, unknown> {
  readonly kind: FieldKind;
  readonly nullable: boolean;
  readonly description: string;
  readonly parse: (u: unknown) => A | Invalid;
}

/** What `fieldType` builds a codec from. */
export interface FieldTypeSpec<A, O> {
  readonly name: string;
  readonly kind: FieldKind;
  readonly description: string;
  readonly is: (u: unknown) => u is A;
  readonly parse: (u: unknown) => A | Invalid;
  readonly encode: (a: A) => O;
  readonly nullable?: boolean;
  /** The errors for a value `parse` rejected, when they can say more than "not this type". */
  readonly explain?: (u: unknown, c: t.Context) => t.Errors;
}

/**
 * Builds a `FieldType` from its fast `parse`; `validate` and `decode` follow from it.
 *
 * @example
 * const Even = fieldType<number>({
 *   name: 'Even', kind: 'integer', description: 'an even number',
 *   is: (u): u is number => Number.isInteger(u) && (u as number) % 2 === 0,
 *   parse: (u) => (Number.isInteger(u) && (u as number) % 2 === 0 ? (u as number) : INVALID),
 *   encode: (a) => a,
 * });
 */
export function fieldType<A, O = A>(spec: FieldTypeSpec<A, O>): FieldType<A, O> {
  const { name, kind, description, is, parse, encode, nullable = false, explain } = spec;
  const type = new Type<A, O, unknown>(
    name,
    is,
    (u, c) => {
      const a = parse(u);
      if (a !== INVALID) return success(a);
      return explain ? failures(explain(u, c)) : failure(u, c);
    },
    encode,
  );
  return Object.assign(type, { kind, nullable, description, parse });
}

/**
 * The same codec, also accepting `null` (kept as `null`).
 *
 * @example
 * nullable(Timestamp).decode(null)  // right(null)
 */
export function nullable<A, O>(type: FieldType<A, O>): FieldType<A | null, O | null> {
  return fieldType<A | null, O | null>({
    name: `${type.name} | null`,
    kind: type.kind,
    description: `${type.description} or null`,
    is: (u): u is A | null => u === null || type.is(u),
    parse: (u) => (u === null ? null : type.parse(u)),
    encode: (a) => (a === null ? null : type.encode(a)),
    nullable: true,
    // The inner codec's errors (e.g. the field inside a nested object), under this context.
    explain: (u, c) => {
      const r = type.validate(u, c);
      return r._tag === 'Left' ? r.left : [{ value: u, context: c }];
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Strings and booleans: taken as they are, no coercion.

const identity = <A>(a: A): A => a;

/** A JSON string. @example Str.decode('New') // right('New') */
export const Str: FieldType<string> = fieldType({
  name: 'string',
  kind: 'string',
  description: 'a string',
  is: (u): u is string => typeof u === 'string',
  parse: (u) => (typeof u === 'string' ? u : INVALID),
  encode: identity,
});

/**
 * A JSON boolean (no `"true"`/`1` coercion: Assembla always sends real booleans).
 * @example Bool.decode(false) // right(false)
 */
export const Bool: FieldType<boolean> = fieldType({
  name: 'boolean',
  kind: 'boolean',
  description: 'a boolean',
  is: (u): u is boolean => typeof u === 'boolean',
  parse: (u) => (typeof u === 'boolean' ? u : INVALID),
  encode: identity,
});

// ---------------------------------------------------------------------------------------------
// Numbers: a JSON number, or a string holding a decimal number (Assembla sends some numbers as
// strings, e.g. task `hours: "1.0"`). Anything else, and non-finite values, are rejected.

const NUMERIC = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * The number a numeric string holds, or NaN (`"3"` → 3, `"-1.0"` → -1, `"abc"`, `""`, `" 3"` → NaN).
 *
 * @example
 * numberFromString('2.5')  // 2.5
 */
export function numberFromString(s: string): number {
  if (!NUMERIC.test(s)) return NaN;
  const n = Number(s);
  return Number.isFinite(n) ? n : NaN;
}

function parseNumber(u: unknown): number | Invalid {
  if (typeof u === 'number') return Number.isFinite(u) ? u : INVALID;
  if (typeof u === 'string') {
    const n = numberFromString(u);
    return n === n ? n : INVALID;
  }
  return INVALID;
}

function parseInteger(u: unknown): number | Invalid {
  const n = parseNumber(u);
  return n !== INVALID && Number.isInteger(n) ? n : INVALID;
}

/** A finite number; a numeric string is coerced (`"1.0"` → 1). @example Num.decode('2.5') // right(2.5) */
export const Num: FieldType<number> = fieldType({
  name: 'number',
  kind: 'number',
  description: 'a number',
  is: (u): u is number => typeof u === 'number' && Number.isFinite(u),
  parse: parseNumber,
  encode: identity,
});

/**
 * An integer; a numeric string is coerced (`"3"` → 3); `3.5` is rejected.
 * @example Integer.decode('3') // right(3)
 */
export const Integer: FieldType<number> = fieldType({
  name: 'integer',
  kind: 'integer',
  description: 'an integer',
  is: (u): u is number => Number.isInteger(u),
  parse: parseInteger,
  encode: identity,
});

// ---------------------------------------------------------------------------------------------
// Timestamps and plain dates. Hand-written parser: this runs several times per ticket, and
// `new Date(string)` is both slower and more lenient than we want.

const DAY_MS = 86_400_000;

/** Two ASCII digits at `i` as a number, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`); unlike
 * `Date.UTC` it does not map years 0–99 to 1900–1999.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DD` at the start of `s` as days since the epoch, or NaN. */
function parseDays(s: string): number {
  const hi = digits2(s, 0);
  const lo = digits2(s, 2);
  const m = digits2(s, 5);
  const d = digits2(s, 8);
  if (hi < 0 || lo < 0 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || m < 1 || m > 12 || d < 1) return NaN;
  const y = hi * 100 + lo;
  return d <= daysInMonth(y, m) ? daysFromCivil(y, m, d) : NaN;
}

/**
 * An ISO 8601 / RFC 3339 timestamp `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` as epoch milliseconds,
 * or NaN. Any offset is accepted (Assembla sends `Z`, `+00:00`, `+03:00`, `+05:30`, `-08:00`...); an
 * offset is required, since without one the instant is unknown. Fractions beyond milliseconds are cut.
 *
 * @example
 * parseTimestamp('2014-09-08T16:32:06+03:00')  // Date.UTC(2014, 8, 8, 13, 32, 6)
 */
export function parseTimestamp(s: string): number {
  const n = s.length;
  if (n < 20) return NaN;
  const days = parseDays(s);
  const T = s.charCodeAt(10);
  const h = digits2(s, 11);
  const mi = digits2(s, 14);
  const sec = digits2(s, 17);
  if (days !== days || (T !== 84 && T !== 116) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return NaN;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return NaN;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    // '.': at least one digit; the first three are milliseconds
    let scale = 100;
    i++;
    const start = i;
    for (let c = s.charCodeAt(i) - 48; c >= 0 && c <= 9; c = s.charCodeAt(++i) - 48) {
      ms += c * scale;
      scale /= 10;
    }
    if (i === start) return NaN;
    ms = Math.floor(ms);
  }
  let offsetMin: number;
  const z = s.charCodeAt(i);
  if ((z === 90 || z === 122) && i + 1 === n) {
    offsetMin = 0;
  } else if ((z === 43 || z === 45) && i + 6 === n && s.charCodeAt(i + 3) === 58) {
    const oh = digits2(s, i + 1);
    const om = digits2(s, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
    offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return NaN;
  }
  return days * DAY_MS + ((h * 60 + mi - offsetMin) * 60 + sec) * 1000 + ms;
}

/**
 * A plain date `YYYY-MM-DD` as epoch milliseconds at UTC midnight, or NaN. A full timestamp is also
 * accepted and gives its calendar date as written (Assembla sends milestone `completed_date` as
 * `"2014-09-18T09:11:03+00:00"` when creating and `"2014-09-18"` when listing the same milestone).
 *
 * @example
 * parsePlainDate('2014-09-18')                 // Date.UTC(2014, 8, 18)
 * parsePlainDate('2014-09-18T23:30:00-08:00')  // Date.UTC(2014, 8, 18)
 */
export function parsePlainDate(s: string): number {
  if (s.length !== 10 && Number.isNaN(parseTimestamp(s))) return NaN;
  return parseDays(s) * DAY_MS;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `YYYY-MM-DD` of a Date, in UTC. @example formatPlainDate(new Date(Date.UTC(2014, 8, 18))) // '2014-09-18' */
export function formatPlainDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/**
 * A Date as Assembla writes it: `YYYY-MM-DDTHH:MM:SSZ`, with `.mmm` only when there are milliseconds.
 *
 * @example
 * formatTimestamp(new Date('2014-09-08T13:32:06Z'))  // '2014-09-08T13:32:06Z'
 */
export function formatTimestamp(d: Date): string {
  const ms = d.getUTCMilliseconds();
  return (
    `${formatPlainDate(d)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}` +
    (ms ? `.${pad(ms, 3)}Z` : 'Z')
  );
}

const isValidDate = (u: unknown): u is Date => u instanceof Date && !Number.isNaN(u.getTime());

function dateOrInvalid(ms: number): Date | Invalid {
  return ms === ms ? new FrozenDate(ms) : INVALID;
}

/**
 * An ISO 8601 timestamp with any offset → `Date`; encodes as UTC (`...Z`).
 *
 * @example
 * Timestamp.decode('2014-09-17T16:02:11+05:30')  // right(Date 2014-09-17T10:32:11Z)
 */
export const Timestamp: FieldType<Date, string> = fieldType({
  name: 'Timestamp',
  kind: 'datetime',
  description: 'an ISO 8601 timestamp with offset (YYYY-MM-DDTHH:MM:SS±HH:MM)',
  is: isValidDate,
  parse: (u) => (typeof u === 'string' ? dateOrInvalid(parseTimestamp(u)) : INVALID),
  encode: formatTimestamp,
});

/**
 * A plain date `YYYY-MM-DD` (or a timestamp, taken for its date) → `Date` at UTC midnight; encodes
 * as `YYYY-MM-DD`.
 *
 * @example
 * PlainDate.decode('2014-09-18')  // right(Date 2014-09-18T00:00:00Z)
 */
export const PlainDate: FieldType<Date, string> = fieldType({
  name: 'PlainDate',
  kind: 'date',
  description: 'a date (YYYY-MM-DD)',
  is: isValidDate,
  parse: (u) => (typeof u === 'string' ? dateOrInvalid(parsePlainDate(u)) : INVALID),
  encode: formatPlainDate,
});

// ---------------------------------------------------------------------------------------------
// Records of strings (ticket `custom_fields`: `{"<field title>": "<value>"}`, values always strings).

function isStringRecord(u: unknown): u is Record<string, string> {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
  for (const k in u) if (typeof (u as Record<string, unknown>)[k] !== 'string') return false;
  return true;
}

/**
 * An object whose values are all strings. Values are not coerced; the object is returned as it is
 * (nothing in it needs converting), as io-ts's own `t.record` does. A failure names the key
 * (`custom_fields.Build`).
 *
 * @example
 * StringRecord.decode({ Build: '42' })  // right({ Build: '42' })
 */
export const StringRecord: FieldType<Record<string, string>> = fieldType({
  name: 'Record<string, string>',
  kind: 'record',
  description: 'an object of strings',
  is: isStringRecord,
  parse: (u) => (isStringRecord(u) ? u : INVALID),
  encode: identity,
  explain: (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return [{ value: u, context: c }];
    return Object.entries(u)
      .filter(([, v]) => typeof v !== 'string')
      .map(([k, v]) => ({ value: v, context: appendContext(c, k, Str, v) }));
  },
});
