// What a write does to the space's cache, so that every cached query tells the truth without
// re-reading a list: the space's whole list is patched exactly, the entity's direct lookups take its
// new state, and the lists it cannot patch exactly are dropped by their tags (never the whole cache).
// Patching drops what is in flight under those tags (cache/tags.ts), as `purge()` does.
import { cacheKey } from '../cache/key';
import { invalidate, invalidateWhere, patch } from '../cache/tags';
import type { AnyRow } from '../resources/row';
import { requestOf } from './read';
import { Scope, cacheOf, entityTag, listTags, spaceScope } from './scope';

type Item = Record<string, unknown>;

// Every item goes before a new one: it joins a list in creation order at the end.
const last = (): number => 0;

/**
 * The cache key of the row's whole list in `scope` (its `from[scope.kind]`), and that list's order
 * (`appends`: the server lists a new entity last, `Writes.create.appends`).
 */
export function home(
  row: AnyRow,
  scope: Scope,
  appends = false,
): { key: string; order?: (a: Item, b: Item) => number } | undefined {
  const source = row.from[scope.kind];
  if (!source?.path || source.read) return undefined;
  const { path, params } = requestOf(source, scope);
  const field = row.numbered && source === row.from.space ? row.numbered.field : undefined;
  // A numbered space list is read sorted by its field (resources/tickets.ts: sort_by=number).
  const order =
    source.order ??
    row.order ??
    (field ? (a: Item, b: Item) => (a[field] as number) - (b[field] as number) : undefined) ??
    (appends ? last : undefined);
  return { key: cacheKey(path, params), order };
}

const same = (row: AnyRow, entity: object) => (item: Item) => item[row.identity] === (entity as Item)[row.identity];

/** The cache tag of an entity by its identity: `ticket:number=201`. */
export function tagOf(row: AnyRow, entity: object): string {
  return entityTag(row, row.identity, (entity as Item)[row.identity] as string | number);
}

/**
 * The entries a write in `scope` may have touched: in a space, every list of the row; under a parent
 * (a ticket's comments), only what carries the parent's tag, as a child never moves to another parent.
 */
function touchedTag(row: AnyRow, scope: Scope): string {
  return listTags(row, scope).at(-1)!;
}

/**
 * A created entity joins its scope's whole list, in order (or replaces itself there, when a read
 * after the write already brought it); the row's other lists it may belong to are dropped: under
 * the parent, and the space's own list of the row (a ticket's attachment is a file of the space too).
 */
export function created(row: AnyRow, scope: Scope, entity: object, appends?: boolean): void {
  const list = home(row, scope, appends);
  const is = same(row, entity);
  const cache = cacheOf(scope);
  patch(cache, touchedTag(row, scope), (value: unknown, key, tags) => {
    if (key !== list?.key || !list.order) return tags.has(row.tag) ? undefined : value;
    const rest = (value as Item[]).filter((item) => !is(item));
    const at = rest.findIndex((item) => list.order!(item, entity as Item) > 0);
    rest.splice(at < 0 ? rest.length : at, 0, entity as Item);
    return rest;
  });
  const space = scope.kind === 'space' ? undefined : home(row, spaceScope(scope));
  if (space) patch(cache, row.tag, (value: unknown, key) => (key === space.key ? undefined : value));
}

/**
 * An updated entity replaces its old copy in its home list (the space's, or its parent's) and in its
 * direct lookups (the lists under it, e.g. a ticket's comments, stay); the row's other lists it may
 * have moved in or out of are dropped. `scope` is the home list's: the space, or the parent's.
 */
export function updated(row: AnyRow, scope: Scope, entity: object): void {
  const list = home(row, scope);
  const is = same(row, entity);
  const cache = cacheOf(scope);
  const replaced = (value: unknown): unknown =>
    Array.isArray(value) ? value.map((item: Item) => (is(item) ? (entity as Item) : item)) : value;
  const under = touchedTag(row, scope);
  patch(cache, under, (value: unknown, key, tags) => {
    if (key !== list?.key) return tags.has(row.tag) ? undefined : value;
    const items = replaced(value) as Item[];
    // A changed sort field (a status's list_order) moves it; the sort is stable.
    return list.order ? items.sort(list.order) : items;
  });
  // A child stays with its parents (an association joins the same two tickets): in the row's lists
  // under other parents it is replaced where it is.
  if (under !== row.tag)
    patch(cache, row.tag, (value: unknown, _key, tags) => (tags.has(under) ? value : replaced(value)));
  patch(cache, tagOf(row, entity), (value: unknown) => (Array.isArray(value) ? value : entity));
}

/**
 * A deleted entity leaves every list of its row (exact: it belongs to none now); its direct lookups
 * and the lists under it are dropped.
 */
export function deleted(row: AnyRow, scope: Scope, entity: object): void {
  const cache = cacheOf(spaceScope(scope));
  const is = same(row, entity);
  patch(cache, row.tag, (items: Item[]) => items.filter((item) => !is(item)));
  invalidate(cache, tagOf(row, entity));
}

/**
 * After a write whose outcome is unknown here (a read-back failed, a create's answer was lost): the
 * row's lists in the scope go, and the entity's entries when there is one.
 */
export function unknown(row: AnyRow, scope: Scope, entity?: object): void {
  patch(cacheOf(scope), touchedTag(row, scope), (value: unknown, _key, tags) =>
    tags.has(row.tag) ? undefined : value,
  );
  if (entity) invalidate(cacheOf(scope), tagOf(row, entity));
}

/**
 * After a write that also changed other resources on the server (`Effects.changes`): every entry of
 * theirs in the space goes, their lists (by tag, whatever their parent) and their entities' direct
 * lookups (entries tagged only as their entities, `ticket:number=201`); the lists under those
 * entities (a ticket's comments) stay.
 */
export function changed(scope: Scope, rows?: () => readonly AnyRow[]): void {
  for (const row of rows?.() ?? []) {
    const entity = `${row.name}:`;
    invalidateWhere(
      cacheOf(spaceScope(scope)),
      [row.tag, entity],
      (tags) => tags.has(row.tag) || (tags.size > 0 && [...tags].every((tag) => tag.startsWith(entity))),
    );
  }
}
