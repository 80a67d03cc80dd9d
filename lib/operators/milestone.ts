import type { OperatorFunction } from 'rxjs';
import type { Milestone, Space } from '../entities';
import type { SingleFilter } from '../filters';
import { findMilestone } from '../queries/milestones';
import { scoped } from './scoped';

/**
 * The one milestone of each upstream space with this title (or matching this filter).
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(milestone('Release Candidate 1'))
 */
export function milestone(titleOrFilter: string | SingleFilter<Milestone>): OperatorFunction<Space, Milestone> {
  return scoped('milestone', ['space'], ({ link }) => findMilestone(link, titleOrFilter));
}
