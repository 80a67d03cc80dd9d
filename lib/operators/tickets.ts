import type { OperatorFunction } from 'rxjs';
import type { Milestone, Space, Ticket, User } from '../entities';
import type { Filter, QueryOptions } from '../filters';
import { listTickets } from '../queries/tickets';
import { scoped } from './scoped';

/**
 * The tickets of each upstream space, milestone or user that match the filter: one array per input.
 * A milestone's are its open and closed tickets; a user's are the space's tickets assigned to them.
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(tickets({ status_name: 'Test' }))
 */
export function tickets<I extends Space | Milestone | User>(
  filter?: Filter<Ticket>,
  options?: QueryOptions,
): OperatorFunction<I, Ticket[]> {
  return scoped('tickets', ['space', 'milestone', 'user'], (scope) => listTickets(scope, filter, options));
}
