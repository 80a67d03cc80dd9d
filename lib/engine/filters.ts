import type { FieldSpec } from '../codecs';
import { FilterError } from '../core/errors';
import type { LiveOptions } from './live-hook';

type FilterValue<V> = V extends Date
  ? Date
  : V extends readonly unknown[]
    ? V
    : V extends object
      ? { readonly [K in keyof V]?: V[K] }
      : V;

/**
 * Field/value pairs that must all be equal: primitives by `===`, `null` matches `null`, `Date` by
 * time value, a nested object (e.g. `custom_fields`) by the keys it gives. Typed per entity, so a
 * wrong key or value type does not compile.
 *
 * @example const f: Filter<Ticket> = { status_name: 'Test', priority: 1 };
 */
export type Filter<T> = { readonly [K in keyof T]?: FilterValue<T[K]> };

/**
 * A filter that names at least one field, for the queries that find one entity: `ticket({})` does
 * not compile, as there is nothing to find by.
 *
 * @example const f: SingleFilter<Ticket> = { number: 201 };
 */
export type SingleFilter<T> = Filter<T> & { [K in keyof T]-?: { readonly [F in K]-?: FilterValue<T[K]> } }[keyof T];

/**
 * What a list query takes besides its filter: Assembla's own query parameters (e.g.
 * `{ params: { report: 1 } }`), and `live` and `maxAge` (`LiveOptions`).
 */
export interface QueryOptions extends LiveOptions {
  readonly params?: Readonly<Record<string, string | number | boolean | ReadonlyArray<string | number>>>;
}

/** A filter checked against the entity's codec and turned into a predicate. */
export interface CompiledFilter {
  readonly entries: ReadonlyArray<readonly [string, unknown]>;
  /** The value given for a field, if any (used to choose a direct request). */
  get(field: string): unknown;
  test(entity: object): boolean;
  /** `{ status_name: 'Test' }`, for messages. */
  readonly text: string;
}

/**
 * Checks a filter against the codec's fields (so a typo fails even on an empty list) and compiles it.
 * Throws `FilterError` naming the field and what to change.
 */
export function compileFilter(
  filter: unknown,
  codec: { readonly fields: Readonly<Record<string, FieldSpec>> },
  where: string,
): CompiledFilter {
  if (filter === undefined) filter = {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw new FilterError(`${where}: the filter must be an object of field/value pairs, e.g. { name: 'Big Project' }`);
  }
  const entries = Object.entries(filter as Record<string, unknown>).filter(([, v]) => v !== undefined);
  for (const [field, value] of entries) {
    const spec = codec.fields[field];
    if (!spec) {
      throw new FilterError(
        `${where}: unknown field "${field}"; the fields are ${Object.keys(codec.fields).join(', ')}`,
      );
    }
    checkValue(where, field, spec, value);
  }
  const map = new Map(entries);
  return {
    entries,
    get: (field) => map.get(field),
    test: (entity) => entries.every(([field, value]) => equal((entity as Record<string, unknown>)[field], value)),
    text: describeFilter(entries),
  };
}

function checkValue(where: string, field: string, spec: FieldSpec, value: unknown): void {
  if (value === null) {
    if (!spec.nullable) throw new FilterError(`${where}: ${field} is never null; give a ${spec.kind} value`);
    return;
  }
  const ok = (() => {
    switch (spec.kind) {
      case 'string':
        return typeof value === 'string';
      case 'integer':
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        return typeof value === 'boolean';
      case 'date':
      case 'datetime':
        return value instanceof Date && !Number.isNaN(value.getTime());
      default:
        return typeof value === 'object' && !Array.isArray(value);
    }
  })();
  if (!ok) {
    const expected =
      {
        string: 'a string',
        integer: 'a number',
        number: 'a number',
        boolean: 'true or false',
        date: 'a valid Date',
        datetime: 'a valid Date',
      }[spec.kind as string] ?? 'an object';
    throw new FilterError(`${where}: ${field} must be ${expected}, not ${JSON.stringify(value) ?? String(value)}`);
  }
}

function equal(actual: unknown, wanted: unknown): boolean {
  if (wanted instanceof Date) return actual instanceof Date && actual.getTime() === wanted.getTime();
  if (typeof wanted === 'object' && wanted !== null) {
    if (typeof actual !== 'object' || actual === null) return false;
    return Object.entries(wanted).every(
      ([k, v]) => v === undefined || equal((actual as Record<string, unknown>)[k], v),
    );
  }
  return actual === wanted;
}

function describeFilter(entries: ReadonlyArray<readonly [string, unknown]>): string {
  const parts = entries.map(([k, v]) => `${k}: ${v instanceof Date ? v.toISOString() : JSON.stringify(v)}`);
  return `{ ${parts.join(', ')} }`;
}
