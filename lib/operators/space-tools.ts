import type { OperatorFunction } from 'rxjs';
import type { SpaceTool, UserRole } from '../codecs';
import { listOperator } from '../engine/operators';
import type { Space } from '../engine/entities';
import type { Filter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import { spaceTools as row, userRoles as rolesRow } from '../resources/space-tools';

/**
 * The tools of each upstream space that match. One request, cached.
 *
 * @example space$.pipe(spaceTools({ active: true }))
 */
export function spaceTools(filter?: Filter<SpaceTool>, options?: LiveOptions): OperatorFunction<Space, SpaceTool[]> {
  return listOperator(row, 'spaceTools', filter, options);
}

/**
 * The user roles (members, their role and invitation) of each upstream space that match. One request, cached.
 *
 * @example space$.pipe(userRoles({ role: 'owner' }))
 */
export function userRoles(filter?: Filter<UserRole>, options?: LiveOptions): OperatorFunction<Space, UserRole[]> {
  return listOperator(rolesRow, 'userRoles', filter, options);
}
