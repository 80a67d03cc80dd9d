import type { OperatorFunction } from 'rxjs';
import type { Tag, Ticket } from '../codecs';
import { findOperator, listOperator } from '../engine/operators';
import type { Space } from '../engine/entities';
import type { Filter, QueryOptions, SingleFilter } from '../engine/filters';
import { tags as row } from '../resources/tags';

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
export function tag(filter: SingleFilter<Tag>): OperatorFunction<Space, Tag> {
  return findOperator(row, { name: 'tag', from: ['space'] }, filter);
}
