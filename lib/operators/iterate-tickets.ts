import { Observable, Subject, defer, map } from 'rxjs';
import type { Milestone, Space, Ticket, User } from '../entities';
import type { Filter, QueryOptions } from '../filters';
import { PulledPage, pullPages } from '../paging/pull';
import { scopeTicketPages } from '../queries/tickets';
import { scoped } from './scoped';

export interface IterateOptions extends QueryOptions {
  /** Aborting it aborts the requests in flight; the pending or next `next()` rejects with an `AbortError`. */
  readonly signal?: AbortSignal;
}

/**
 * The matching tickets of each space, milestone or user that `source$` emits, for `for await`.
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
  source$: Observable<Space | Milestone | User>,
  filter?: Filter<Ticket>,
  options?: IterateOptions,
): AsyncIterable<Ticket> {
  const query = options?.params ? { params: options.params } : undefined;
  const pages$ = source$.pipe(
    scoped('iterateTickets', ['space', 'milestone', 'user'], (scope) =>
      // One release signal per scope, so that one scope's pages never pace the next one's.
      defer((): Observable<PulledPage<Ticket>> => {
        const release = new Subject<void>();
        return scopeTicketPages('iterateTickets', scope, filter, query, release).pipe(
          map((items) => ({ items, release: () => release.next() })),
        );
      }),
    ),
  );
  return { [Symbol.asyncIterator]: () => pullPages(pages$, options?.signal, 'iterateTickets') };
}
