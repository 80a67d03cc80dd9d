// What a write does to a cache by tag: drop or update exactly the entries it touched. Apart from
// QueryCache, so that a page that only reads carries none of it.
import { rebased, truthOf } from './pending';
import { QueryCache, frozen } from './query-cache';

/**
 * Drops every entry of `cache` carrying any of `tags`, as `purge` drops all: a response in flight
 * for one is kept out, and the next subscriber fetches again. Entries without them stay.
 *
 * @example invalidate(cache, 'ticket:number=201', 'tickets')
 */
export function invalidate(cache: QueryCache, ...tags: readonly string[]): void {
  if (tags.length === 0) return;
  cache.send({
    type: 'invalidate',
    tags,
    apply: (entries) => {
      for (const [key, entry] of entries) if (tags.some((tag) => entry.tags.has(tag))) entries.delete(key);
    },
  });
}

/**
 * Drops every entry of `cache` whose tags `drop` picks, as `invalidate` does (a response in flight
 * is kept out); `tags` name what goes, for the command stream.
 *
 * @example invalidateWhere(cache, ['tickets'], (tags) => tags.has('tickets'))
 */
export function invalidateWhere(
  cache: QueryCache,
  tags: readonly string[],
  drop: (tags: ReadonlySet<string>) => boolean,
): void {
  cache.send({
    type: 'invalidate',
    tags,
    apply: (entries) => {
      for (const [key, entry] of entries) if (drop(entry.tags)) entries.delete(key);
    },
  });
}

/**
 * Replaces the value of every completed entry carrying `tag` with `update(value, key, tags)` (frozen, as
 * cached values are), or drops it when `update` answers `undefined` (an entry it cannot patch
 * exactly); an entry still in flight is dropped, as by `invalidate`, since its answer may predate
 * the change. `update` must handle every shape cached under the tag.
 *
 * @example patch(cache, 'tickets', (list: Ticket[]) => list.map((t) => (t.id === edited.id ? edited : t)))
 */
export function patch<T>(
  cache: QueryCache,
  tag: string,
  update: (value: T, key: string, tags: ReadonlySet<string>) => T | undefined,
): void {
  cache.send({
    type: 'patch',
    tags: [tag],
    apply: (entries) => {
      for (const [key, entry] of entries) {
        if (!entry.tags.has(tag)) continue;
        // An answer still on its way may have left the server before the change: dropped instead.
        // Patched is the server's state; pending optimistic writes show on top of it (cache/pending.ts).
        const value = entry.done ? update(truthOf(entry) as T, key, entry.tags) : undefined;
        if (value === undefined) entries.delete(key);
        else entry.value = rebased(cache, entry, key, frozen(value));
      }
    },
  });
}

/**
 * Replaces the value of the completed entry under `key` with `value` (frozen, as cached values are),
 * as `patch` does by tag: `value` is the server's state, and pending optimistic writes show on top
 * of it. Nothing when the key holds no completed entry (an answer in flight will bring a newer one).
 *
 * @example replace(cache, '/v1/spaces/x/tickets/statuses', freshStatuses)
 */
export function replace<T>(cache: QueryCache, key: string, value: T): void {
  cache.send({
    type: 'replace',
    tags: [...(cache.entries.get(key)?.tags ?? [])],
    apply: (entries) => {
      const entry = entries.get(key);
      if (entry?.done) entry.value = rebased(cache, entry, key, frozen(value));
    },
  });
}

/**
 * The server's state under `key`: the completed entry's value without the pending optimistic writes
 * shown on it (what `patch` and `replace` change); undefined when there is none.
 *
 * @example truthAt<TicketStatus[]>(cache, '/v1/spaces/x/tickets/statuses')
 */
export function truthAt<T>(cache: QueryCache, key: string): T | undefined {
  const entry = cache.active ? cache.entries.get(key) : undefined;
  return entry?.done ? (truthOf(entry) as T) : undefined;
}

/**
 * The keys of the entries carrying `tag`, completed or in flight, in the order they were made.
 *
 * @example keysTagged(cache, 'tickets') // ['/v1/spaces/x/tickets?report=0&sort_by=number&sort_order=asc']
 */
export function keysTagged(cache: QueryCache, tag: string): string[] {
  return [...cache.entries].filter(([, entry]) => entry.tags.has(tag)).map(([key]) => key);
}

/**
 * Adds tags to the entry under `key`, e.g. once its answer says what it holds (a ticket looked up
 * by id is also `ticket:number=201`). Nothing when the key holds no entry.
 *
 * @example addTags(cache, '/v1/spaces/x/tickets/id/5000', 'ticket:number=201')
 */
export function addTags(cache: QueryCache, key: string, ...tags: readonly string[]): void {
  cache.send({ type: 'tag', tags, apply: (entries) => tags.forEach((tag) => entries.get(key)?.tags.add(tag)) });
}
