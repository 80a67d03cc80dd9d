// The combinator that turns a field table into a fast entity codec.
//
// Why not `t.type`: it validates field by field through closures that each allocate an `Either`,
// and `t.intersection`/`t.partial` stack more of the same. Here one loop walks the object's keys,
// checks each known field with its codec's allocation-free `parse`, and writes into one output
// object; io-ts `Either`s and contexts are only built when something is wrong.
import type * as t from 'io-ts';
import { Type, appendContext, failures, success } from './io-type';
import type { ReadonlyDate } from './frozen-date';
import { FieldKind, FieldType, INVALID, Invalid } from './primitives';
import { isRecord } from '../core/validate';

/** How a field is declared, as reported by `EntityCodec.fields` (e.g. to check filters at run time). */
export interface FieldSpec {
  kind: FieldKind;
  nullable: boolean;
  optional: boolean;
}

/** An io-ts codec for one entity, plus the fields it knows. */
export interface EntityCodec<A> extends t.Type<A, Record<string, unknown>, unknown> {
  /** Every field the codec knows. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
}

/** An entity codec built by `entity`: also a `FieldType`, so entities nest (e.g. a user's `im`). */
export interface EntityType<A> extends EntityCodec<A>, FieldType<A, Record<string, unknown>> {}

// As io-ts's own `t.Any`: a codec's type sits in both variance positions, so `unknown` would fit no codec.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFieldType = FieldType<any, any>;

/** A key that may be absent (as io-ts's `t.partial`); when present, its value must fit `type`. */
export interface Optional<T extends AnyFieldType> {
  readonly optional: T;
}

/** A key that every decoded value has, but the wire may omit: the entity's `refine` fills it in. */
export interface Derived<T extends AnyFieldType> {
  readonly derived: T;
}

/** A field table: key → codec, `optional(codec)` or `derived(codec)`. */
export type Props = Record<string, AnyFieldType | Optional<AnyFieldType> | Derived<AnyFieldType>>;

/**
 * Marks a key as optional.
 *
 * @example
 * entity('User', { id: Str, email: optional(Str) })
 */
export function optional<T extends AnyFieldType>(type: T): Optional<T> {
  return { optional: type };
}

/**
 * Marks a key as filled in by `refine` when the wire lacks it.
 *
 * @example
 * entity('Ticket', { status: Str, status_name: derived(Str) }, (o) => {
 *   o.status_name ??= o.status;
 *   return undefined;
 * })
 */
export function derived<T extends AnyFieldType>(type: T): Derived<T> {
  return { derived: type };
}

/**
 * A last step on a decoded object whose fields all passed (e.g. to fill in an alias). It may change
 * `out`; it returns `undefined` when all is well, or the key that is wrong.
 */
export type Refine = (out: Record<string, unknown>) => string | undefined;

// ---------------------------------------------------------------------------------------------
// Types: the decoded object type of a field table. Every key is `readonly`, all the way down, and
// dates are `ReadonlyDate`s: entities are frozen at run time, and their dates' setters throw.

type TypeOfProp<P> =
  P extends Optional<infer T>
    ? t.TypeOf<T>
    : P extends Derived<infer T>
      ? t.TypeOf<T>
      : P extends t.Any
        ? t.TypeOf<P>
        : never;
type IsOptional<P> = P extends Optional<AnyFieldType> ? true : false;
type KeysWhere<P extends Props, Opt extends boolean> = {
  [K in keyof P]: IsOptional<P[K]> extends Opt ? K : never;
}[keyof P];

/** A value as a frozen entity holds it: nested objects and arrays readonly too, dates `ReadonlyDate`. */
export type DeepReadonly<A> = A extends Date
  ? ReadonlyDate
  : A extends string | number | boolean | bigint | symbol | null | undefined
    ? A
    : A extends readonly (infer E)[]
      ? ReadonlyArray<DeepReadonly<E>>
      : { readonly [K in keyof A]: DeepReadonly<A[K]> };

/** Flattens an intersection into one object type (keeps `readonly` and `?`), for readable hovers. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The decoded type of a field table. */
export type EntityOf<P extends Props> = Simplify<
  { readonly [K in KeysWhere<P, false>]: DeepReadonly<TypeOfProp<P[K]>> } & {
    readonly [K in KeysWhere<P, true>]?: DeepReadonly<TypeOfProp<P[K]>>;
  }
>;

// ---------------------------------------------------------------------------------------------

/** One row of the compiled table: flat and monomorphic, read in the hot loop. */
interface Field {
  readonly key: string;
  readonly type: AnyFieldType;
  readonly parse: (u: unknown) => unknown;
  readonly nullable: boolean;
  /** Counted toward the required keys that must all be present on the wire. */
  readonly required: boolean;
  /** Must be present in a decoded value (required or derived). */
  readonly always: boolean;
}

function compile(props: Props): Field[] {
  return Object.keys(props).map((key): Field => {
    const p = props[key];
    const type = 'optional' in p ? p.optional : 'derived' in p ? p.derived : p;
    const required = !('optional' in p) && !('derived' in p);
    return { key, type, parse: type.parse, nullable: type.nullable, required, always: !('optional' in p) };
  });
}

/**
 * Builds a fast entity codec from a field table. Decoding keeps unknown keys as they are (forward
 * compatibility), fails on a missing required key or a known key of the wrong type, and converts
 * values with each field's codec (e.g. timestamps to `Date`). `refine`, if given, runs last.
 *
 * @example
 * const Milestone = entity('Milestone', { id: Integer, title: Str, due_date: nullable(PlainDate) });
 * Milestone.decode({ id: '25', title: 'Backlog', due_date: '2014-09-18', extra: 1 })
 * // right({ id: 25, title: 'Backlog', due_date: Date 2014-09-18, extra: 1 })
 */
export function entity<P extends Props, A = EntityOf<P>>(name: string, props: P, refine?: Refine): EntityType<A> {
  const fields = compile(props);
  // Null prototype: a wire key such as `constructor` or `__proto__` must not find anything here.
  const byKey: Record<string, Field | undefined> = Object.create(null);
  for (const f of fields) byKey[f.key] = f;
  const requiredCount = fields.filter((f) => f.required).length;
  // Every decoded object starts from this template, so it has all its always-present keys (e.g. a
  // ticket's `status_name`) from the start: adding a key to a large object afterwards is slow in V8.
  const template = Object.fromEntries(fields.filter((f) => f.always).map((f) => [f.key, null]));

  /** The decoded object without `refine`, or INVALID. */
  function parseFields(src: Record<string, unknown>): Record<string, unknown> | Invalid {
    // The one copy, built by assignment from the template: objects made by spread each get a
    // hidden class of their own once frozen (V8), which costs time and ~1 KB each in a long stream.
    // Unknown keys come along unchanged.
    const out: Record<string, unknown> = Object.assign({}, template);
    let seen = 0;
    for (const k in src) {
      const v = src[k];
      const f = byKey[k];
      if (f === undefined) {
        // A JSON "__proto__" key is data: plain assignment would set the prototype instead.
        if (k === '__proto__')
          Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        else out[k] = v;
        continue;
      }
      if (v === undefined) continue; // as if absent (JSON has no undefined)
      if (v === null) {
        if (!f.nullable) return INVALID;
        out[k] = null;
      } else {
        const r = f.parse(v);
        if (r === INVALID) return INVALID;
        out[k] = r;
      }
      if (f.required) seen++;
    }
    return seen === requiredCount ? out : INVALID;
  }

  function parse(u: unknown): A | Invalid {
    if (!isRecord(u)) return INVALID;
    const out = parseFields(u);
    if (out === INVALID || (refine !== undefined && refine(out) !== undefined)) return INVALID;
    return out as A;
  }

  /** The slow path, only after `parse` failed: every error, each with its context path. */
  function explain(u: unknown, c: t.Context): t.Errors {
    if (!isRecord(u)) return [{ value: u, context: c }];
    const errors: t.ValidationError[] = [];
    for (const f of fields) {
      const v = u[f.key];
      if (v === undefined) {
        if (f.required) errors.push({ value: v, context: appendContext(c, f.key, f.type, v) });
      } else if (f.parse(v) === INVALID) {
        const r = f.type.validate(v, appendContext(c, f.key, f.type, v));
        if (r._tag === 'Left') errors.push(...r.left);
      }
    }
    if (errors.length === 0 && refine !== undefined) {
      const out = parseFields(u);
      const key = out === INVALID ? undefined : refine(out);
      const f = key === undefined ? undefined : byKey[key];
      if (f && out !== INVALID) errors.push({ value: u[f.key], context: appendContext(c, f.key, f.type, u[f.key]) });
    }
    // Not expected (parse and explain judge alike), but a Left must never be empty.
    return errors.length > 0 ? errors : [{ value: u, context: c }];
  }

  function is(u: unknown): u is A {
    if (!isRecord(u)) return false;
    for (const f of fields) {
      const v = u[f.key];
      if (v === undefined ? f.always : !(v === null ? f.nullable : f.type.is(v))) return false;
    }
    return true;
  }

  function encode(a: A): Record<string, unknown> {
    const src = a as Record<string, unknown>;
    const out: Record<string, unknown> = { ...src };
    for (const f of fields) {
      const v = src[f.key];
      if (v !== undefined && v !== null) out[f.key] = f.type.encode(v);
    }
    return out;
  }

  // Null prototype, so that `fields['constructor']` is undefined like any other unknown name.
  const specs: Record<string, FieldSpec> = Object.create(null);
  for (const f of fields)
    specs[f.key] = Object.freeze({ kind: f.type.kind, nullable: f.nullable, optional: !f.always });

  const codec = new Type<A, Record<string, unknown>, unknown>(
    name,
    is,
    (u, c) => {
      const a = parse(u);
      return a === INVALID ? failures(explain(u, c)) : success(a);
    },
    encode,
  );
  return Object.assign(codec, {
    kind: 'object' as const,
    nullable: false,
    description: `a ${name} object`,
    parse,
    fields: Object.freeze(specs),
  });
}
