// Optimistic writes' view of a cache: each entry shows the server's state (its "truth") with the
// pending writes' patches applied on top, in the order the writes were made. A patch pushed shows at
// once; a patch dropped (its write confirmed or refused) is taken out and the entry recomputed from
// its truth and the patches still pending, so a refusal rolls back exactly while the writes that
// succeeded meanwhile stay. The truth changes only by `patch` (cache/tags.ts), through `rebased`.
// Only write operators reach this module: a page that only reads carries none of it.
import type { Entry, QueryCache } from './query-cache';
import { frozen } from './query-cache';

/**
 * A pending write's patch: `update` shows the write in a value of an entry carrying any of `tags`
 * (`undefined`: it leaves that value as it is). It must be pure: it runs again whenever the entry's
 * truth changes while it is pending.
 *
 * @example { tags: ['tickets'], update: (list: Ticket[]) => list.map((t) => (t.number === 201 ? edited : t)) }
 */
export interface Layer {
  readonly tags: readonly string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each layer knows the shapes under its tags
  readonly update: (value: any, key: string, tags: ReadonlySet<string>) => unknown;
}

// Each cache's pending patches, oldest first, and the truth of the entries they show in.
const stacks = new WeakMap<QueryCache, Layer[]>();
const truths = new WeakMap<Entry, unknown>();

const covers = (layer: Layer, tags: ReadonlySet<string>): boolean => layer.tags.some((tag) => tags.has(tag));

function stackOf(cache: QueryCache): Layer[] {
  let stack = stacks.get(cache);
  if (!stack) stacks.set(cache, (stack = []));
  return stack;
}

/** The entry's value as the pending patches show it over `truth`, oldest patch first. */
function view(cache: QueryCache, entry: Entry, key: string, truth: unknown): unknown {
  let value = truth;
  for (const layer of stackOf(cache))
    if (covers(layer, entry.tags)) value = frozen(layer.update(value, key, entry.tags) ?? value);
  return value;
}

/** The server's state of an entry: its value, or the truth under its pending patches. */
export function truthOf(entry: Entry): unknown {
  return truths.has(entry) ? truths.get(entry) : entry.value;
}

/**
 * What an entry shows once its truth is `truth` (a confirmed write's patch, cache/tags.ts): `truth`
 * itself, or, while patches are pending on it, `truth` with them applied (the new truth is kept).
 */
export function rebased(cache: QueryCache, entry: Entry, key: string, truth: unknown): unknown {
  if (!truths.has(entry)) return truth;
  truths.set(entry, truth);
  return view(cache, entry, key, truth);
}

/**
 * Shows `layer` at once in every completed entry of `cache` it covers (an answer still in flight
 * shows the server's state), until `drop`.
 *
 * @example push(cache, { tags: ['tickets'], update: (list) => [...list, draft] })
 */
export function push(cache: QueryCache, layer: Layer): void {
  stackOf(cache).push(layer);
  cache.send({
    type: 'optimistic',
    tags: layer.tags,
    apply: (entries) => {
      for (const [key, entry] of entries) {
        if (!entry.done || !covers(layer, entry.tags)) continue;
        if (!truths.has(entry)) truths.set(entry, entry.value);
        entry.value = frozen(layer.update(entry.value, key, entry.tags) ?? entry.value);
      }
    },
  });
}

/**
 * Takes `layer` out (nothing if it is not pending): every entry it showed in is recomputed from its
 * truth and the patches still pending.
 *
 * @example drop(cache, layer) // the write was refused: its change is gone, the others' stay
 */
export function drop(cache: QueryCache, layer: Layer): void {
  const stack = stackOf(cache);
  const at = stack.indexOf(layer);
  if (at < 0) return;
  stack.splice(at, 1);
  cache.send({
    type: 'rollback',
    tags: layer.tags,
    apply: (entries) => {
      for (const [key, entry] of entries) {
        if (!truths.has(entry) || !covers(layer, entry.tags)) continue;
        const truth = truths.get(entry);
        entry.value = view(cache, entry, key, truth);
        if (!stack.some((other) => covers(other, entry.tags))) truths.delete(entry);
      }
    },
  });
}
