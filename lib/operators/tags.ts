import type { OperatorFunction } from 'rxjs';
import type { Tag, Ticket } from '../codecs';
import { findOperator, listOperator, scoped } from '../engine/operators';
import { creating, deleting, updating } from '../engine/optimistic';
import type { WriteOptions } from '../engine/write';
import type { Space } from '../engine/entities';
import type { Filter, QueryOptions, SingleFilter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import { NewTag, TagAttributes, tagWrites, tags as row } from '../resources/tags';

/** A space's tag lists by state (digest §12): `{ list: 'active' }`. */
export interface TagListOptions extends QueryOptions {
  /** Only the space's active (2), proposed (1) or hidden (4) tags; default every state. */
  readonly list?: 'active' | 'proposed' | 'hidden';
}

/**
 * The tags of each upstream space (every state, in pages of 25) or ticket (one request) that match.
 *
 * @example space$.pipe(tags({ state: 2 }))
 */
export function tags<I extends Space | Ticket>(
  filter?: Filter<Tag>,
  options?: TagListOptions,
): OperatorFunction<I, Tag[]> {
  return listOperator(row, 'tags', filter, options);
}

/**
 * The one tag of each upstream space that matches; by `id` one request, by `name` from the list.
 * A tag pipes into `tickets`, `ticket`, `streamTickets` and `iterateTickets`.
 *
 * @example space$.pipe(tag({ name: 'Core' }), tickets())
 */
export function tag(filter: SingleFilter<Tag>, options?: LiveOptions): OperatorFunction<Space, Tag> {
  return findOperator(row, { name: 'tag', from: ['space'] }, filter, options);
}

/**
 * Creates a tag in each upstream space: one POST (`name` is required), answered with the tag as the
 * server made it, which joins the space's cached tag list at the end. A lost answer is an
 * `UncertainWriteError` (never sent twice), whose `lookup()` finds the tag by its name.
 *
 * @example space$.pipe(createTag({ name: 'Core', state: 2 }))
 */
export function createTag(attributes: NewTag, options?: WriteOptions): OperatorFunction<Space, Tag> {
  return scoped({ name: 'createTag', from: ['space'] }, row, (scope) =>
    creating(tagWrites, scope, attributes, 'createTag', options),
  );
}

/**
 * Sets the attributes of each upstream tag (of a space or a ticket): a PUT, then the tag read back
 * (two requests), emitted as the server now has it and put in place of its old copy in the space's
 * cached tag list and lookups.
 *
 * @example space$.pipe(tag({ name: 'Idea' }), updateTag({ state: 2 }))
 */
export function updateTag(attributes: TagAttributes, options?: WriteOptions): OperatorFunction<Tag, Tag> {
  return scoped({ name: 'updateTag', from: ['tag'] }, row, (scope) =>
    updating(tagWrites, scope, attributes, 'updateTag', options),
  );
}

/**
 * Deletes each upstream tag (one DELETE) and emits it, as it was; it leaves every cached tag list
 * of the space, the tickets' included.
 *
 * @example space$.pipe(tag({ name: 'Legacy' }), deleteTag())
 */
export function deleteTag(options?: WriteOptions): OperatorFunction<Tag, Tag> {
  return scoped({ name: 'deleteTag', from: ['tag'] }, row, (scope) => deleting(tagWrites, scope, options));
}
