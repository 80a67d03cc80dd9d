import type { OperatorFunction } from 'rxjs';
import type { TicketStatus } from '../codecs';
import { listOperator } from '../engine/operators';
import type { Space } from '../engine/entities';
import type { Filter } from '../engine/filters';
import { statuses as row } from '../resources/statuses';

/**
 * The ticket statuses of each upstream space that match, in `list_order`. One request, cached.
 *
 * @example space$.pipe(statuses({ state: 1 }))  // the open statuses
 */
export function statuses(filter?: Filter<TicketStatus>): OperatorFunction<Space, TicketStatus[]> {
  return listOperator(row, 'statuses', filter);
}
