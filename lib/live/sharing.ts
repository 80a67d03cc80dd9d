// Structural sharing for live queries: a new answer keeps the objects of the previous one wherever
// they are equal by value, so a UI that compares by identity re-renders only what changed, and an
// answer equal to the previous one is the previous one (a live query emits only on change).
// Entities are never rebuilt (their link to the API lives outside them, lib/engine/entities.ts):
// each one is either the previous object or the new one.

/**
 * Whether two decoded values are equal: primitives by `===` (NaN equals NaN), Dates by time, arrays
 * item by item, objects by their own enumerable keys.
 *
 * @example deepEqual({ at: new Date(0) }, { at: new Date(0) }) === true
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (key) =>
      Object.prototype.hasOwnProperty.call(b, key) &&
      deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/**
 * `next` with the parts equal to `previous` replaced by `previous`'s: a list's items are matched by
 * `key` (the entity's identity, so an insertion shifts nothing), anything else as a whole. When
 * nothing changed the result is `previous` itself.
 *
 * @example shared(lastTickets, newTickets, (t) => t.number) // the unchanged tickets are the old objects
 */
export function shared<T>(previous: T, next: T, key: (item: object) => unknown): T {
  if (!Array.isArray(previous) || !Array.isArray(next)) return deepEqual(previous, next) ? previous : next;
  let byKey: Map<unknown, unknown> | undefined;
  let same = previous.length === next.length;
  const items = next.map((item: unknown, at) => {
    if (item === previous[at]) return item;
    if (typeof item !== 'object' || item === null) {
      same &&= Object.is(item, previous[at]);
      return item;
    }
    // The same place holds the same entity unless something was inserted or removed before it:
    // only then are the previous items looked up by key (one map per evaluation, built lazily).
    const here: unknown = previous[at];
    const old =
      typeof here === 'object' && here !== null && key(here) === key(item)
        ? here
        : (byKey ??= new Map(previous.map((p: object) => [key(p), p]))).get(key(item));
    const kept = old !== undefined && deepEqual(old, item) ? old : item;
    same &&= kept === previous[at];
    return kept;
  });
  return (same ? previous : items) as T;
}
