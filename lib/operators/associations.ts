import type { OperatorFunction } from 'rxjs';
import type { Ticket, TicketAssociation } from '../codecs';
import { listOperator } from '../engine/operators';
import type { Filter } from '../engine/filters';
import { associations as row } from '../resources/associations';

/**
 * The associations of each upstream ticket that match, from whichever side they were made: each is
 * as the server stores it, so the piped ticket may be `ticket1_id` or `ticket2_id` (`relationship`
 * says what ticket2 is of ticket1). One request, cached.
 *
 * @example space$.pipe(ticket({ number: 201 }), associations())
 */
export function associations(filter?: Filter<TicketAssociation>): OperatorFunction<Ticket, TicketAssociation[]> {
  return listOperator(row, 'associations', filter);
}
