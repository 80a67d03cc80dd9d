import type { OperatorFunction } from 'rxjs';
import { findOperator, listOperator } from '../engine/operators';
import type { Milestone, Space, User } from '../engine/entities';
import type { Filter, SingleFilter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import { users as row } from '../resources/users';

/**
 * The users of each upstream space (its members) or milestone (the assignees of its tickets) that match.
 *
 * @example space$.pipe(users())
 */
export function users<I extends Space | Milestone>(
  filter?: Filter<User>,
  options?: LiveOptions,
): OperatorFunction<I, User[]> {
  return listOperator(row, 'users', filter, options);
}

/**
 * The one user of each upstream space or milestone that matches.
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(user({ name: 'John Smith' }))
 */
export function user<I extends Space | Milestone>(
  filter: SingleFilter<User>,
  options?: LiveOptions,
): OperatorFunction<I, User> {
  return findOperator(row, 'user', filter, options);
}
