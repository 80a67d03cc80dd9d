import type { OperatorFunction } from 'rxjs';
import { findOperator, listOperator } from '../engine/operators';
import type { Milestone, Space } from '../engine/entities';
import type { Filter, QueryOptions, SingleFilter } from '../engine/filters';
import { milestones as row } from '../resources/milestones';

/** A space's scoped lists of milestones (digest §13): `{ list: 'upcoming' }`. */
export interface MilestoneListOptions extends QueryOptions {
  /** One of the space's own lists instead of all its milestones. */
  readonly list?: 'upcoming' | 'completed' | 'release_notes';
}

/**
 * All milestones of each upstream space (completed ones included) that match the filter.
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(milestones({ is_completed: false }))
 */
export function milestones(
  filter?: Filter<Milestone>,
  options?: MilestoneListOptions,
): OperatorFunction<Space, Milestone[]> {
  return listOperator(row, 'milestones', filter, options);
}

/**
 * The one milestone of each upstream space with this title (or matching this filter); by `id` it
 * is one direct GET unless the list is cached.
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(milestone('Release Candidate 1'))
 */
export function milestone(titleOrFilter: string | SingleFilter<Milestone>): OperatorFunction<Space, Milestone> {
  const filter = typeof titleOrFilter === 'string' ? { title: titleOrFilter } : titleOrFilter;
  return findOperator(row, 'milestone', filter);
}
