import { cacheTag } from '../cache/key';
import type { QueryCache } from '../cache/query-cache';
import type { Client } from './client';
import { FilterError } from '../core/errors';
import type { Link } from './entities';
import type { AnyRow, AnySource, ResourceRow, Route, Source } from '../resources/row';

/**
 * Where a query runs: the API (top-level lists), a space, or an entity of a space (a milestone, a
 * ticket...) whose row and fields the routes use.
 */
export interface Scope {
  readonly client: Client;
  /** 'api', 'space', or the parent's row name. */
  readonly kind: string;
  readonly spaceId?: string;
  readonly parent?: object;
  readonly parentRow?: ResourceRow<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The scope of an API's top-level lists. */
export function apiScope(client: Client): Scope {
  return { client, kind: 'api' };
}

/** The scope of a linked entity piped into an operator. */
export function entityScope(link: Link<Client>, entity: object): Scope {
  return { client: link.client, kind: link.kind, spaceId: link.spaceId, parent: entity, parentRow: link.row };
}

/** The space an entity's scope belongs to (its whole lists). */
export function spaceScope(scope: Scope): Scope {
  return { client: scope.client, kind: 'space', spaceId: scope.spaceId };
}

/** The cache a scope's answers live in: the space's, or the API's list of spaces. */
export function cacheOf(scope: Scope): QueryCache {
  return scope.spaceId === undefined ? scope.client.spacesCache : scope.client.spaceCache(scope.spaceId);
}

/**
 * The source of `row`'s list in this scope; `list` picks one of the row's named lists (from a space).
 */
export function sourceOf<T extends object>(
  row: ResourceRow<T>,
  scope: Scope,
  query: string,
  list?: string,
): Source<T, object> {
  if (list !== undefined) {
    const named = row.lists?.[list];
    if (!named)
      throw new FilterError(
        `${query}: unknown list "${list}"; the lists are ${Object.keys(row.lists ?? {}).join(', ')}`,
      );
    if (scope.kind !== 'space')
      throw new FilterError(`${query}: { list: '${list}' } is a list of a space, not of a ${scope.kind}`);
    return named;
  }
  const source = row.from[scope.kind];
  // Operators check what was piped in (linkOf); this is for a row read from a kind it has no list for.
  if (!source) throw new FilterError(`${query}: no ${row.name} list of a ${scope.kind}`);
  return source;
}

/** The scope in words, for messages: `space X`, `milestone "Beta"`, `your spaces`. */
export function describeScope(scope: Scope, source?: AnySource): string {
  if (scope.kind === 'api') return 'your spaces';
  if (scope.kind === 'space' || !scope.parent) return `space ${scope.spaceId}`;
  const describe = source?.describe ?? scope.parentRow?.describe;
  return describe ? describe(scope.parent) : scope.kind;
}

/**
 * A route with its placeholders filled: `{space}` by the space's id, every other `{field}` by
 * that field of `values` (the parent, or a filter), each URI-encoded.
 *
 * @example expandRoute('/spaces/{space}/tickets/{number}', 'abc', { number: 201 }) // '/spaces/abc/tickets/201'
 */
export function expandRoute(route: Route, spaceId: string | undefined, values: object = {}): string {
  return route.replace(/\{(\w+)\}/g, (_, field: string) => {
    const value = field === 'space' ? spaceId : (values as Record<string, unknown>)[field];
    return encodeURIComponent(String(value));
  });
}

/** The cache tag of an entity by one of its fields: `ticket:number=201`, `ticket:id=5000`. */
export function entityTag(row: AnyRow, field: string, value: string | number): string {
  return cacheTag(row.name, `${field}=${value}`);
}

/** The cache tags of a list: every list of the row (`tickets`), and the parent's entity tag. */
export function listTags(row: AnyRow, scope: Scope): string[] {
  const tags = [row.tag];
  // A space's own lists need no parent tag: each space has a cache of its own.
  if (scope.kind !== 'space' && scope.parent && scope.parentRow)
    tags.push(
      entityTag(
        scope.parentRow,
        scope.parentRow.identity,
        (scope.parent as Record<string, string | number>)[scope.parentRow.identity],
      ),
    );
  return tags;
}
