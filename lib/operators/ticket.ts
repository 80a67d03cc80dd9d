import type { OperatorFunction } from 'rxjs';
import type { Milestone, Space, Ticket, User } from '../entities';
import type { SingleFilter } from '../filters';
import { findTicket } from '../queries/tickets';
import { scoped } from './scoped';

/**
 * The one ticket of each upstream space, milestone or user that matches; `NotFoundError` or
 * `AmbiguousMatchError` otherwise. By `number` it costs one request (none when cached).
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(ticket({ number: 201 }))
 */
export function ticket<I extends Space | Milestone | User>(filter: SingleFilter<Ticket>): OperatorFunction<I, Ticket> {
  return scoped('ticket', ['space', 'milestone', 'user'], (scope) => findTicket(scope, filter));
}
