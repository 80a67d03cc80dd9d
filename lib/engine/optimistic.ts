// How a write is run: one at a time per entity (in call order), and, with `{ optimistic: true }`,
// shown in the space's cache before the server answers (cache/pending.ts). A confirmed write's
// answer becomes the cache's truth (engine/coherence.ts) and its patch goes; a refused one's patch
// goes and the error arrives; when the outcome is unknown the entity is read again. Only write
// operators import this module (spec/package.spec.ts, the bundle budget).
import {
  MonoTypeOperatorFunction,
  Observable,
  Subject,
  catchError,
  concat,
  concatMap,
  defer,
  finalize,
  ignoreElements,
  of,
  tap,
  throwError,
} from 'rxjs';
import { cacheKey } from '../cache/key';
import { Layer, drop, push } from '../cache/pending';
import type { QueryCache } from '../cache/query-cache';
import { HttpError, NotFoundError } from '../core/errors';
import { UncertainWriteError } from '../core/write-errors';
import { isRecord } from '../core/validate';
import type { AnyRow, Writes } from '../resources/row';
import { created, deleted, home, unknown as outcomeUnknown, tagOf, updated } from './coherence';
import { Scope, cacheOf, expandRoute } from './scope';
import {
  DeleteHow,
  WriteOptions,
  createIn,
  deleteOf,
  identityRoute,
  lost,
  readFresh,
  updateOf,
  withParent,
} from './write';

type Item = Record<string, unknown>;

// Each cache's entities with a write in flight: the end of the last one queued, by entity tag.
const lines = new WeakMap<QueryCache, Map<string, Subject<never>>>();

/**
 * `write$` once every write to `entity` called before it has finished (each is sent one at a time,
 * in call order, whatever their outcome); leaving early gives the turn to the next one.
 *
 * @example inTurn(scope, ticketsRow, ticket, updateOf(ticketWrites, scope, { status: 'Fixed' }, 'updateTicket'))
 */
export function inTurn<T>(scope: Scope, row: AnyRow, entity: object, write$: Observable<T>): Observable<T> {
  return defer(() => {
    const cache = cacheOf(scope);
    let line = lines.get(cache);
    if (!line) lines.set(cache, (line = new Map()));
    const key = tagOf(row, entity);
    const before = line.get(key);
    const done = new Subject<never>();
    line.set(key, done);
    return concat(before ?? [], write$).pipe(
      finalize(() => {
        if (line.get(key) === done) line.delete(key);
        done.complete();
      }),
    );
  });
}

/**
 * `createIn`, shown at once with `{ optimistic: true }`: the new entity, with the attributes sent and
 * a temporary negative id (and number), at the end of its scope's cached whole list, until the
 * server's takes its place. On `UncertainWriteError` the SDK looks it up (`lookup()`) and, found,
 * adds it to the cache; the error arrives either way.
 *
 * @example creating(ticketWrites, scope, { summary: 'Crash' }, 'createTicket', { optimistic: true })
 */
export function creating<T extends object>(
  writes: Writes<T>,
  scope: Scope,
  attributes: object,
  query: string,
  options?: WriteOptions,
): Observable<T> {
  const write$ = createIn(writes, scope, attributes, query);
  if (!options?.optimistic) return write$;
  const { row } = writes;
  const list = home(row, scope);
  const temporary = -++drafts;
  const draft = scope.client.entity(
    { ...changesOf(writes, scope, attributes, {}), id: temporary, [row.identity]: temporary },
    { row, spaceId: scope.spaceId },
  );
  const layer: Layer = {
    tags: [row.tag],
    update: (value: Item[], key) => (key === list?.key ? [...value, draft] : undefined),
  };
  return shown(scope, layer, write$, (e) =>
    e instanceof UncertainWriteError
      ? (e as UncertainWriteError<T>).lookup().pipe(tap((found) => found && created(row, scope, found)))
      : of(null),
  );
}
let drafts = 0;

/**
 * `updateOf` in its entity's turn; with `{ optimistic: true }` the entity shows the attributes (and
 * the fields derived from them, `writes.derived`) at once in every cached list and lookup of it.
 *
 * @example updating(ticketWrites, scope, { status: 'Fixed' }, 'updateTicket', { optimistic: true })
 */
export function updating<T extends object>(
  writes: Writes<T>,
  scope: Scope,
  attributes: object,
  query: string,
  options?: WriteOptions,
): Observable<T> {
  const { row } = writes;
  const entity = scope.parent as Item;
  const write$ = inTurn(scope, row, entity, updateOf(writes, scope, attributes, query));
  if (!options?.optimistic) return settled(writes, scope, write$);
  const changes = changesOf(writes, scope, attributes, entity);
  const edit = (item: Item): Item => scope.client.entity({ ...item, ...changes }, { row, spaceId: scope.spaceId });
  return shown(scope, entityLayer(row, entity, edit), write$, (e) => reread(writes, scope, e));
}

/**
 * `deleteOf` in its entity's turn; with `{ optimistic: true }` the entity leaves the cached lists at once.
 *
 * @example deleting(ticketWrites, scope, { optimistic: true })
 */
export function deleting<T extends object>(
  writes: Writes<T>,
  scope: Scope,
  options?: WriteOptions,
  how?: DeleteHow,
): Observable<T> {
  const { row } = writes;
  const write$ = inTurn(scope, row, scope.parent!, deleteOf(writes, scope, how));
  if (!options?.optimistic) return settled(writes, scope, write$);
  return shown(scope, entityLayer(row, scope.parent as Item), write$, (e) => reread(writes, scope, e));
}

/**
 * The patch of one entity: `edit` it in the lists of its row and in its own lookups, or (no `edit`)
 * take it out of those lists.
 */
function entityLayer(row: AnyRow, entity: Item, edit?: (item: Item) => Item): Layer {
  const is = (item: Item): boolean => item[row.identity] === entity[row.identity];
  const own = tagOf(row, entity);
  return {
    tags: [row.tag, own],
    update: (value: Item | Item[], _key, tags) => {
      if (!Array.isArray(value)) return edit && tags.has(own) && is(value) ? edit(value) : undefined;
      if (!tags.has(row.tag) || !value.some(is)) return undefined;
      return edit ? value.map((item) => (is(item) ? edit(item) : item)) : value.filter((item) => !is(item));
    },
  };
}

/**
 * `write$` with `layer` shown in the scope's cache from now until it answers. On an error the layer
 * goes, then `recover(error)` runs (its own failure ignored), then the error arrives.
 */
function shown<T>(
  scope: Scope,
  layer: Layer,
  write$: Observable<T>,
  recover: (e: unknown) => Observable<unknown>,
): Observable<T> {
  return defer(() => {
    const cache = cacheOf(scope);
    push(cache, layer);
    const gone = (): void => drop(cache, layer);
    return write$.pipe(
      // Dropped once the answer is in the cache (coherence ran first), before anyone sees it.
      tap({ next: gone }),
      tap({ error: gone }),
      recovering(recover),
      finalize(gone),
    );
  });
}

/**
 * A plain update or delete whose last answer was lost (its retries spent: a dropped connection, a
 * timeout, a 5xx) may have landed: the entity is read again, as after an optimistic one, so the
 * cache holds neither a stale copy nor a deleted entity. The error arrives either way.
 */
function settled<T extends object>(writes: Writes<T>, scope: Scope, write$: Observable<T>): Observable<T> {
  return write$.pipe(recovering((e) => (lost(e) ? reread(writes, scope, e) : of(null))));
}

/** On an error, `recover(error)` runs (its values and its own failure ignored), then the error arrives. */
function recovering<T>(recover: (e: unknown) => Observable<unknown>): MonoTypeOperatorFunction<T> {
  return catchError((e: unknown) =>
    concat(
      recover(e).pipe(
        ignoreElements(),
        catchError(() => []),
      ),
      throwError(() => e),
    ),
  );
}

/**
 * After an optimistic update or delete failed in a way that does not say it was refused (not a 4xx):
 * the entity read again, fresh, and the cache patched with it (gone, on a 404).
 */
function reread<T extends object>(writes: Writes<T>, scope: Scope, e: unknown): Observable<unknown> {
  if (e instanceof HttpError && e.status < 500) return of(null);
  const { row } = writes;
  const entity = scope.parent as Item;
  return withParent(writes.update?.parent, scope, row.name).pipe(
    concatMap(({ values, home: where }) =>
      readFresh(row, scope, writes.update?.read ?? identityRoute(row), values).pipe(
        tap({
          next: (fresh) => updated(row, where, fresh),
          error: (failure: unknown) =>
            failure instanceof NotFoundError ? deleted(row, scope, entity) : outcomeUnknown(row, where, entity),
        }),
      ),
    ),
  );
}

/**
 * What a write changes in its entity as the server will show it: the attributes sent that are fields
 * of the row (objects merged into the entity's, as custom fields are), and the fields derived from them.
 */
function changesOf<T extends object>(writes: Writes<T>, scope: Scope, attributes: object, entity: Item): Item {
  const { fields } = writes.row.codec;
  const changes: Item = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || !(name in fields)) continue;
    const was = entity[name];
    changes[name] = isRecord(was) && isRecord(value) ? { ...was, ...value } : value;
  }
  for (const [field, derived] of Object.entries(writes.derived ?? {})) {
    const value = (attributes as Item)[derived.from];
    if (value === undefined) continue;
    if (!derived.in) changes[field] = value;
    else {
      const list = cacheOf(scope).peek<Item[]>(cacheKey(expandRoute(derived.in.list, scope.spaceId)));
      const source = list?.find((item) => item[derived.in!.by] === value);
      if (source) changes[field] = source[derived.in.take];
    }
  }
  return changes;
}
