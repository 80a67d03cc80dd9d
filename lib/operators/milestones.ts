import type { OperatorFunction } from 'rxjs';
import { findOperator, listOperator, scoped } from '../engine/operators';
import { creating, deleting, updating } from '../engine/optimistic';
import type { WriteOptions } from '../engine/write';
import type { Milestone, Space } from '../engine/entities';
import type { Filter, QueryOptions, SingleFilter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import { MilestoneAttributes, NewMilestone, milestoneWrites, milestones as row } from '../resources/milestones';

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
export function milestone(
  titleOrFilter: string | SingleFilter<Milestone>,
  options?: LiveOptions,
): OperatorFunction<Space, Milestone> {
  const filter = typeof titleOrFilter === 'string' ? { title: titleOrFilter } : titleOrFilter;
  return findOperator(row, 'milestone', filter, options);
}

/**
 * Creates a milestone in each upstream space: one POST (`title` is required), answered with the
 * milestone as the server made it. The space's cached milestone lists are read again when next
 * asked for (their order is the server's). A lost answer is an `UncertainWriteError` (never sent
 * twice), whose `lookup()` looks for the caller's milestone with that title.
 *
 * @example space$.pipe(createMilestone({ title: 'Release 2.0', due_date: new Date('2027-03-01') }))
 */
export function createMilestone(attributes: NewMilestone, options?: WriteOptions): OperatorFunction<Space, Milestone> {
  return scoped({ name: 'createMilestone', from: ['space'] }, row, (scope) =>
    creating(milestoneWrites, scope, attributes, 'createMilestone', options),
  );
}

/**
 * Sets the attributes of each upstream milestone: a PUT, then the milestone read back (two
 * requests), emitted as the server now has it (`completed_date`, `updated_at`...) and put in place
 * of its old copy in the space's cached lists and lookups.
 *
 * @example space$.pipe(milestone('Backlog'), updateMilestone({ is_completed: true }))
 */
export function updateMilestone(
  attributes: MilestoneAttributes,
  options?: WriteOptions,
): OperatorFunction<Milestone, Milestone> {
  return scoped({ name: 'updateMilestone', from: ['milestone'] }, row, (scope) =>
    updating(milestoneWrites, scope, attributes, 'updateMilestone', options),
  );
}

/**
 * Deletes each upstream milestone (one DELETE) and emits it, as it was. It leaves every cached
 * milestone list; its tickets lose their milestone on the server, so the space's cached tickets are
 * read again when next asked for.
 *
 * @example space$.pipe(milestone('Sprint 14'), deleteMilestone())
 */
export function deleteMilestone(options?: WriteOptions): OperatorFunction<Milestone, Milestone> {
  return scoped({ name: 'deleteMilestone', from: ['milestone'] }, row, (scope) =>
    deleting(milestoneWrites, scope, options),
  );
}
