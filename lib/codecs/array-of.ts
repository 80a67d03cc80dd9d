// A JSON array whose items all fit one codec, e.g. a list custom field's `list_options` (digest
// ../shared/assembla-api.md section 9: written as a comma-separated string, read back as an array).
import { appendContext } from './io-type';
import { fieldType, FieldType, INVALID, Invalid } from './primitives';

/**
 * An array of `type`: each item decoded with it (so `arrayOf(Timestamp)` gives Dates). The array
 * itself is returned when no item changed, as io-ts's `t.array` does. A failure names the index
 * (`list_options[2]`).
 *
 * @example
 * arrayOf(Str).decode(['Low', 'High'])  // right(['Low', 'High'])
 * arrayOf(Str).decode(['Low', 3])       // left at [1]: should be a string
 */
export function arrayOf<A, O>(type: FieldType<A, O>): FieldType<A[], O[]> {
  function parse(u: unknown): A[] | Invalid {
    if (!Array.isArray(u)) return INVALID;
    let out: A[] | undefined;
    for (let i = 0; i < u.length; i++) {
      const a = type.parse(u[i]);
      if (a === INVALID) return INVALID;
      if (out === undefined && (a as unknown) !== u[i]) out = u.slice(0, i) as A[];
      if (out !== undefined) out.push(a);
    }
    return out ?? (u as A[]);
  }
  return fieldType<A[], O[]>({
    name: `Array<${type.name}>`,
    kind: 'array',
    description: `an array, each item ${type.description}`,
    is: (u): u is A[] => Array.isArray(u) && u.every((v) => type.is(v)),
    parse,
    encode: (as) => as.map((a) => type.encode(a)),
    explain: (u, c) => {
      if (!Array.isArray(u)) return [{ value: u, context: c }];
      return u.flatMap((v, i) => {
        const r = type.validate(v, appendContext(c, String(i), type, v));
        return r._tag === 'Left' ? r.left : [];
      });
    },
  });
}
