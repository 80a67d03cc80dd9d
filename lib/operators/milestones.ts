import type { OperatorFunction } from 'rxjs';
import type { Milestone, Space } from '../entities';
import type { Filter } from '../filters';
import { listMilestones } from '../queries/milestones';
import { scoped } from './scoped';

/**
 * All milestones of each upstream space (completed ones included) that match the filter.
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(milestones({ is_completed: false }))
 */
export function milestones(filter?: Filter<Milestone>): OperatorFunction<Space, Milestone[]> {
  return scoped('milestones', ['space'], ({ link }) => listMilestones(link, filter));
}
