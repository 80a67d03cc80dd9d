// The checks every options slice is built from. Each throws a ConfigError that describes a wrong
// value by its kind, never by echoing it (a secret may be in the wrong option).
import { ConfigError, kindOf } from './errors';
import { MAX_TIMER_MS } from './timer';

/**
 * An options slice as given, before its checks: every key may be missing or of any type.
 *
 * @example function resolveX(options: Unchecked<XOptions>): ResolvedX
 */
export type Unchecked<T> = { readonly [K in keyof T]?: unknown };

/**
 * A boolean option, or its default.
 *
 * @example bool('useCache', undefined, true) === true
 */
export function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConfigError(`${name} must be true or false (got ${kindOf(value)})`);
  return value;
}

/**
 * A whole number in [min, max], or its default; `why` ends the message.
 *
 * @example int('concurrency', undefined, 6, 1) === 6
 */
export function int(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  why = '',
): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  throw new ConfigError(`${name} must be a whole number ${range}${why} (got ${describeNumber(value, min, max)})`);
}

/**
 * A duration in ms that a timer can hold (0 to 2^31−1), or its default.
 *
 * @example duration('timeout', 5000, 30_000) === 5000
 */
export function duration(name: string, value: unknown, fallback: number): number {
  return int(name, value, fallback, 0, MAX_TIMER_MS, ' ms (2^31−1, the longest a timer can wait)');
}

function describeNumber(value: unknown, min: number, max: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return kindOf(value);
  if (!Number.isInteger(value)) return 'a fraction';
  return value < min ? `a number below ${min}` : `a number above ${max}`;
}

/**
 * An optional function-valued option, checked now rather than failing at first use.
 *
 * @example fn('createXHR', options.createXHR, isFunction, 'a function that returns an XMLHttpRequest')
 */
export function fn(name: string, value: unknown, ok: (v: unknown) => boolean, expected: string): void {
  if (value !== undefined && !ok(value)) throw new ConfigError(`${name} must be ${expected} (got ${kindOf(value)})`);
}

/**
 * Whether the value is a function.
 *
 * @example isFunction(() => 1) === true
 */
export const isFunction = (v: unknown): boolean => typeof v === 'function';

/**
 * Whether `value` is an object of named values: not null, an array or a Date.
 *
 * @example isRecord({ a: 1 }) === true; isRecord([1]) === false; isRecord(new Date()) === false
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * Refuses a key that is not one of `valid`, naming the closest valid key. The unknown key itself
 * is shown only when it is a near miss of a valid one (so a secret used as a key is never printed).
 *
 * @example
 * knownKeys('option', { concurency: 4 }, ['concurrency'])
 * // ConfigError: unknown option "concurency": did you mean "concurrency"?
 */
export function knownKeys(what: string, value: object, valid: readonly string[], prefix = ''): void {
  for (const key of Object.keys(value)) {
    if (valid.includes(key)) continue;
    const near = closest(key, valid);
    if (near) throw new ConfigError(`unknown ${what} "${prefix}${key}": did you mean "${prefix}${near}"?`);
    throw new ConfigError(
      `unknown ${what} (not shown, in case it is a secret);` +
        ` the valid ones are ${valid.map((k) => prefix + k).join(', ')}`,
    );
  }
}

/** The valid key within a few typos of `key` (case ignored), if any. */
function closest(key: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of valid) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // At most a third of the name wrong: `concurency`, `timout`, `maxAtempts`, `perpage`.
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}
