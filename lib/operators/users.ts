import type { OperatorFunction } from 'rxjs';
import type { Milestone, Space, User } from '../entities';
import type { Filter } from '../filters';
import { listUsers } from '../queries/users';
import { scoped } from './scoped';

/**
 * The users of each upstream space (its members) or milestone (the assignees of its tickets) that match.
 *
 * @example space$.pipe(users())
 */
export function users<I extends Space | Milestone>(filter?: Filter<User>): OperatorFunction<I, User[]> {
  return scoped('users', ['space', 'milestone'], (scope) => listUsers(scope, filter));
}
