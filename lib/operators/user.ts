import type { OperatorFunction } from 'rxjs';
import type { Milestone, Space, User } from '../entities';
import type { SingleFilter } from '../filters';
import { findUser } from '../queries/users';
import { scoped } from './scoped';

/**
 * The one user of each upstream space or milestone that matches.
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(user({ name: 'John Smith' }))
 */
export function user<I extends Space | Milestone>(filter: SingleFilter<User>): OperatorFunction<I, User> {
  return scoped('user', ['space', 'milestone'], (scope) => findUser(scope, filter));
}
