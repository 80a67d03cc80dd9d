import type { OperatorFunction } from 'rxjs';
import type { TicketStatus } from '../codecs';
import { listOperator, scoped } from '../engine/operators';
import { creating, deleting, updating } from '../engine/optimistic';
import type { WriteOptions } from '../engine/write';
import type { Space } from '../engine/entities';
import type { Filter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import { NewStatus, StatusAttributes, statusWrites, statuses as row } from '../resources/statuses';

/**
 * The ticket statuses of each upstream space that match, in `list_order`. One request, cached.
 *
 * @example space$.pipe(statuses({ state: 1 }))  // the open statuses
 */
export function statuses(
  filter?: Filter<TicketStatus>,
  options?: LiveOptions,
): OperatorFunction<Space, TicketStatus[]> {
  return listOperator(row, 'statuses', filter, options);
}

/**
 * Creates a ticket status in each upstream space: one POST (`name` and `state` are required),
 * answered with the status as the server made it (last in `list_order`), which joins the space's
 * cached status list in order. A lost answer is an `UncertainWriteError` (never sent twice), whose
 * `lookup()` finds the status by its name.
 *
 * @example space$.pipe(createStatus({ name: 'Deploy', state: 1 }))
 */
export function createStatus(attributes: NewStatus, options?: WriteOptions): OperatorFunction<Space, TicketStatus> {
  return scoped({ name: 'createStatus', from: ['space'] }, row, (scope) =>
    creating(statusWrites, scope, attributes, 'createStatus', options),
  );
}

/**
 * Sets the attributes of each upstream status: a PUT, then the status read back (two requests),
 * emitted as the server now has it and put in place of its old copy in the space's cached status
 * list (in `list_order`). Its tickets follow a new name or state on the server, so the space's
 * cached tickets are read again when next asked for.
 *
 * @example space$.pipe(statuses({ name: 'Test' }), concatMap((s) => s), updateStatus({ name: 'QA' }))
 */
export function updateStatus(
  attributes: StatusAttributes,
  options?: WriteOptions,
): OperatorFunction<TicketStatus, TicketStatus> {
  return scoped({ name: 'updateStatus', from: ['status'] }, row, (scope) =>
    updating(statusWrites, scope, attributes, 'updateStatus', options),
  );
}

/**
 * Deletes each upstream status (one DELETE) and emits it, as it was; it leaves the space's cached
 * status list.
 *
 * @example space$.pipe(statuses({ name: 'Deploy' }), concatMap((s) => s), deleteStatus())
 */
export function deleteStatus(options?: WriteOptions): OperatorFunction<TicketStatus, TicketStatus> {
  return scoped({ name: 'deleteStatus', from: ['status'] }, row, (scope) => deleting(statusWrites, scope, options));
}
