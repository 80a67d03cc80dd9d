import type { Observable, OperatorFunction } from 'rxjs';
import { findOperator, iterate, listOperator, scoped, streamOperator } from '../engine/operators';
import { creating, deleting, updating } from '../engine/optimistic';
import type { WriteOptions } from '../engine/write';
import type { Tag } from '../codecs';
import type { Milestone, Space, Ticket, User } from '../engine/entities';
import type { Filter, QueryOptions, SingleFilter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import { NewTicket, TicketAttributes, ticketWrites, tickets as row } from '../resources/tickets';

/** The scoped lists of a space's tickets (digest §6.1): `{ list: 'my_active' }`. */
export interface TicketListOptions extends QueryOptions {
  /** One of the space's own lists instead of all its tickets (a space only). */
  readonly list?: 'my_active' | 'my_followed' | 'no_milestone';
}

/** The options a ticket list takes from `I`: a space's own lists (`list`) only from a space. */
export type TicketOptionsOf<I> = I extends Space ? TicketListOptions : QueryOptions;

/**
 * The tickets of each upstream space, milestone, user or tag that match the filter: one array per input.
 * A milestone's are its open and closed tickets; a user's are the space's tickets assigned to them.
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(tickets({ status_name: 'Test' }))
 */
export function tickets<I extends Space | Milestone | User | Tag>(
  filter?: Filter<Ticket>,
  options?: TicketOptionsOf<I>,
): OperatorFunction<I, Ticket[]> {
  return listOperator(row, 'tickets', filter, options);
}

/**
 * The one ticket of each upstream space, milestone, user or tag that matches; `NotFoundError` or
 * `AmbiguousMatchError` otherwise. By `number` it costs one request (none when cached).
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(ticket({ number: 201 }))
 */
export function ticket<I extends Space | Milestone | User | Tag>(
  filter: SingleFilter<Ticket>,
  options?: LiveOptions,
): OperatorFunction<I, Ticket> {
  return findOperator(row, 'ticket', filter, options);
}

/**
 * Each matching ticket of each upstream space, milestone, user or tag, one value per ticket, as the
 * pages arrive; memory stays at a few pages whatever the number of tickets, and unsubscribing
 * (e.g. `take(5)`) stops asking for pages.
 *
 * @example space$.pipe(streamTickets(), take(5))
 */
export function streamTickets<I extends Space | Milestone | User | Tag>(
  filter?: Filter<Ticket>,
  options?: Omit<TicketOptionsOf<I>, 'live'>,
): OperatorFunction<I, Ticket> {
  return streamOperator(row, 'streamTickets', filter, options);
}

/** Options of `iterateTickets`. */
export interface IterateOptions extends Omit<TicketListOptions, 'live'> {
  /** Aborting it aborts the requests in flight; the pending or next `next()` rejects with an `AbortError`. */
  readonly signal?: AbortSignal;
  /**
   * Called once with an upper bound on the number of tickets, when the space's list is read whole
   * in number order and its probe of the highest number answers: numbers of deleted or moved
   * tickets stay unused, so it is "at most", not a count. For progress: `done / atMost`.
   */
  readonly onUpperBound?: (atMost: number) => void;
}

/**
 * The matching tickets of each space, milestone, user or tag that `source$` emits, for `for await`.
 * Unlike `streamTickets`, pages are asked for as the loop pulls: however slow the loop body, no
 * more than the look-ahead (`concurrency`) pages are in flight or waiting, so memory stays bounded.
 * Same scopes, filter, `{ params }` and cached-list reading as `streamTickets`, and the same typed
 * errors, thrown from the loop. Cold: each loop reads afresh. Leaving the loop (`break`, `throw`)
 * or aborting `signal` aborts the requests in flight.
 *
 * @example
 * for await (const t of iterateTickets(assembla.space({ name: 'Big Project' }), { status_name: 'New' })) {
 *   await slowSink(t);
 * }
 */
export function iterateTickets(
  source$: Observable<Space | Milestone | User | Tag>,
  filter?: Filter<Ticket>,
  options?: IterateOptions,
): AsyncIterable<Ticket> {
  return iterate(row, 'iterateTickets', source$, filter, options);
}

/**
 * Files a ticket in each upstream space: one POST (`summary` is required), answered with the ticket
 * as the server made it, which joins the space's cached ticket list in number order. A wrong
 * attribute is an `AttributeError` before anything is sent, a refusal a `ValidationError`; a lost
 * answer an `UncertainWriteError` (the POST is never sent twice), whose `lookup()` finds the ticket.
 *
 * @example assembla.space({ name: 'Big Project' }).pipe(createTicket({ summary: 'Crash on save', priority: 2 }))
 */
export function createTicket(attributes: NewTicket, options?: WriteOptions): OperatorFunction<Space, Ticket> {
  return scoped({ name: 'createTicket', from: ['space'] }, row, (scope) =>
    creating(ticketWrites, scope, attributes, 'createTicket', options),
  );
}

/**
 * Sets the attributes of each upstream ticket: a PUT, then the ticket read back (two requests),
 * emitted as the server now has it (`state` from `status`, `updated_at`...) and put in place of its
 * old copy in every cached query of the space, so that filters over a cached list see it at once.
 *
 * @example space$.pipe(ticket({ number: 201 }), updateTicket({ status: 'Fixed' }))
 */
export function updateTicket(attributes: TicketAttributes, options?: WriteOptions): OperatorFunction<Ticket, Ticket> {
  return scoped({ name: 'updateTicket', from: ['ticket'] }, row, (scope) =>
    updating(ticketWrites, scope, attributes, 'updateTicket', options),
  );
}

/**
 * Deletes each upstream ticket (one DELETE) and emits it, as it was; it leaves every cached list
 * of the space.
 *
 * @example space$.pipe(ticket({ number: 201 }), deleteTicket())
 */
export function deleteTicket(options?: WriteOptions): OperatorFunction<Ticket, Ticket> {
  return scoped({ name: 'deleteTicket', from: ['ticket'] }, row, (scope) => deleting(ticketWrites, scope, options));
}
