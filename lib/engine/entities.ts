import { UnboundEntityError } from '../core/errors';
import type { CacheHandle } from '../cache/query-cache';
import type { Milestone, SpaceData, Ticket, User } from '../codecs';
import type { ResourceRow } from '../resources/row';

// Typed as a class accessor because TypeScript leaves those out of a spread's type, as the run time
// leaves out the non-enumerable `cache`: so `{ ...space }` has no `cache` and is not a `Space`.
/** What a `Space` has besides its data: its cache handle (not copied by a spread). */
declare abstract class SpaceCache {
  /** This space's cache: `deactivate()`, `activate()`, `purge()`. */
  get cache(): CacheHandle;
}

/**
 * A space: its decoded data plus its cache handle (a non-enumerable property, so spreading or
 * serialising a space gives data only, and a copy is not a `Space`).
 *
 * @example assembla.space({ name: 'Big Project' }).subscribe((space) => space.cache.purge())
 */
export type Space = SpaceData & SpaceCache;
export type { Milestone, Ticket, User };

/** What an entity is: its resource row's `name` ('space', 'ticket', ...). */
export type Kind = string;

/** Where an entity came from: the API's internals, the space it belongs to, and what it is. */
export interface Link<C = unknown> {
  readonly client: C;
  readonly spaceId: string;
  readonly kind: Kind;
  /** The entity's resource row (the engine reads it when the entity is a query's parent). */
  readonly row: ResourceRow<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

// The link lives outside the entity, so cloning, spreading or serialising an entity never carries
// the API (or its credentials) along.
const links = new WeakMap<object, Link>();

/** Links an entity to its API and space; returns the entity. */
export function bind<T extends object>(entity: T, link: Link): T {
  links.set(entity, link);
  return entity;
}

/**
 * The link of a value piped into an operator. An object that did not come from this SDK's queries
 * (e.g. one decoded with `codecs.Ticket.decode`, or a copy made with `{ ...ticket }`) has none.
 */
export function linkOf<C>(value: unknown, operator: string, accepted: readonly Kind[]): Link<C> {
  const link = typeof value === 'object' && value !== null ? links.get(value) : undefined;
  if (!link) {
    throw new UnboundEntityError(
      `${operator}() was given an object that did not come from a query (a copy, or data decoded by hand)`,
    );
  }
  if (!accepted.includes(link.kind)) {
    throw new UnboundEntityError(`${operator}() takes a ${accepted.join(' or ')}, not a ${link.kind}`);
  }
  return link as Link<C>;
}

/** Freezes an entity and the plain objects inside it, so no subscriber can change what another sees. */
export function deepFreeze<T>(value: T): T {
  Object.freeze(value);
  // Checked inline rather than by recursing into every field: most fields are primitives, and this
  // runs once per entity of every stream.
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'object' && v !== null && !(v instanceof Date) && !Object.isFrozen(v)) deepFreeze(v);
  }
  return value;
}
