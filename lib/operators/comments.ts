import type { OperatorFunction } from 'rxjs';
import type { Ticket, TicketComment } from '../codecs';
import { listOperator } from '../engine/operators';
import type { Filter } from '../engine/filters';
import { comments as row } from '../resources/comments';

/**
 * The comments of each upstream ticket that match the filter, oldest first (whatever order the
 * server answers in). One request per ticket, cached.
 *
 * @example space$.pipe(ticket({ number: 201 }), comments())
 */
export function comments(filter?: Filter<TicketComment>): OperatorFunction<Ticket, TicketComment[]> {
  return listOperator(row, 'comments', filter);
}
