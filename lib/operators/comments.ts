import type { OperatorFunction } from 'rxjs';
import type { Ticket, TicketComment } from '../codecs';
import { listOperator, scoped } from '../engine/operators';
import { creating, updating } from '../engine/optimistic';
import type { WriteOptions } from '../engine/write';
import type { Filter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import { commentWrites, comments as row } from '../resources/comments';

/**
 * The comments of each upstream ticket that match the filter, oldest first (whatever order the
 * server answers in). One request per ticket, cached.
 *
 * @example space$.pipe(ticket({ number: 201 }), comments())
 */
export function comments(
  filter?: Filter<TicketComment>,
  options?: LiveOptions,
): OperatorFunction<Ticket, TicketComment[]> {
  return listOperator(row, 'comments', filter, options);
}

/**
 * Comments on each upstream ticket: one POST, answered with the comment, which joins the ticket's
 * cached comment list. A lost answer is an `UncertainWriteError` (never sent twice), whose
 * `lookup()` looks among the ticket's newest comments for the caller's with that text.
 *
 * @example space$.pipe(ticket({ number: 201 }), addComment('Fixed in r42'))
 */
export function addComment(text: string, options?: WriteOptions): OperatorFunction<Ticket, TicketComment> {
  return scoped({ name: 'addComment', from: ['ticket'] }, row, (scope) =>
    creating(commentWrites, scope, { comment: text }, 'addComment', options),
  );
}

/**
 * Sets the text of each upstream comment: the comment's ticket is found by its id (none when cached),
 * then a PUT, then the comment read back (two or three requests) and emitted as the server has it; it
 * replaces its old copy in the ticket's cached comment list.
 *
 * @example space$.pipe(ticket({ number: 201 }), comments(), concatMap((cs) => cs), take(1), updateComment('Edited'))
 */
export function updateComment(text: string, options?: WriteOptions): OperatorFunction<TicketComment, TicketComment> {
  return scoped({ name: 'updateComment', from: ['comment'] }, row, (scope) =>
    updating(commentWrites, scope, { comment: text }, 'updateComment', options),
  );
}
