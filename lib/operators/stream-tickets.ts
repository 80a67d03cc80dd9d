import type { OperatorFunction } from 'rxjs';
import type { Milestone, Space, Ticket, User } from '../entities';
import type { Filter, QueryOptions } from '../filters';
import { streamScopeTickets } from '../queries/tickets';
import { scoped } from './scoped';

/**
 * Each matching ticket of each upstream space, milestone or user, one value per ticket, as the
 * pages arrive; memory stays at a few pages whatever the number of tickets, and unsubscribing
 * (e.g. `take(5)`) stops asking for pages.
 *
 * @example space$.pipe(streamTickets(), take(5))
 */
export function streamTickets<I extends Space | Milestone | User>(
  filter?: Filter<Ticket>,
  options?: QueryOptions,
): OperatorFunction<I, Ticket> {
  return scoped('streamTickets', ['space', 'milestone', 'user'], (scope) => streamScopeTickets(scope, filter, options));
}
