import { OperatorFunction, tap } from 'rxjs';
import type { Ticket, TicketAssociation } from '../codecs';
import { AttributeError } from '../core/write-errors';
import { created } from '../engine/coherence';
import type { Client } from '../engine/client';
import { linkOf } from '../engine/entities';
import { listOperator, scoped } from '../engine/operators';
import type { Filter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import { entityScope } from '../engine/scope';
import { creating, deleting, updating } from '../engine/optimistic';
import type { WriteOptions } from '../engine/write';
import { RELATIONSHIPS, Relationship, associationWrites, associations as row } from '../resources/associations';

/**
 * The associations of each upstream ticket that match, from whichever side they were made: each is
 * as the server stores it, so the piped ticket may be `ticket1_id` or `ticket2_id` (`relationship`
 * says what ticket2 is of ticket1). One request, cached.
 *
 * @example space$.pipe(ticket({ number: 201 }), associations())
 */
export function associations(
  filter?: Filter<TicketAssociation>,
  options?: LiveOptions,
): OperatorFunction<Ticket, TicketAssociation[]> {
  return listOperator(row, 'associations', filter, options);
}

/** A relationship's number, or an `AttributeError` before anything is sent. */
function numberOf(relationship: Relationship, query: string): number {
  if (!Object.prototype.hasOwnProperty.call(RELATIONSHIPS, relationship))
    throw new AttributeError(
      `${query}(): unknown relationship "${String(relationship)}"; the relationships are ` +
        Object.keys(RELATIONSHIPS).join(', '),
      'relationship',
    );
  return RELATIONSHIPS[relationship];
}

/**
 * Associates each upstream ticket with `other`, which is its `relationship` (`other` is ticket2,
 * the piped ticket ticket1): one POST, emitting the association as the server stored it, which
 * may be the other way round (a subtask is stored as the other side's story, the tickets swapped).
 * Both tickets' cached association lists are dropped (read again when next asked for). `other`
 * must come from a query of the same space; a lost answer is an `UncertainWriteError` whose
 * `lookup()` finds the association among the ticket's.
 *
 * @example
 * const task = await firstValueFrom(space$.pipe(ticket({ number: 2 })));
 * space$.pipe(ticket({ number: 1 }), associate(task, 'subtask'));  // #2 is a subtask of #1
 */
export function associate(
  other: Ticket,
  relationship: Relationship,
  options?: WriteOptions,
): OperatorFunction<Ticket, TicketAssociation> {
  return scoped({ name: 'associate', from: ['ticket'] }, row, (scope) => {
    const link = linkOf<Client>(other, 'associate', ['ticket']);
    if (link.spaceId !== scope.spaceId)
      throw new AttributeError('associate(): the other ticket is of another space', 'ticket2_id');
    const sent = { ticket2_id: other.id, relationship: numberOf(relationship, 'associate') };
    return creating(associationWrites, scope, sent, 'associate', options).pipe(
      // It joins the other ticket's list too.
      tap((association) => created(row, entityScope(link, other), association)),
    );
  });
}

/**
 * Sets the relationship of each upstream association (what ticket2 is of ticket1, as stored):
 * ticket1 is found for its number (none when cached), then a PUT and the association read back
 * (two or three requests), emitted as the server normalised it and put in place of its old copy in
 * both tickets' cached lists.
 *
 * @example
 * space$.pipe(ticket({ number: 1 }), associations(), concatMap((as) => as), take(1), updateAssociation('related'))
 */
export function updateAssociation(
  relationship: Relationship,
  options?: WriteOptions,
): OperatorFunction<TicketAssociation, TicketAssociation> {
  return scoped({ name: 'updateAssociation', from: ['association'] }, row, (scope) =>
    updating(
      associationWrites,
      scope,
      { relationship: numberOf(relationship, 'updateAssociation') },
      'updateAssociation',
      options,
    ),
  );
}

/**
 * Deletes each upstream association: ticket1 is found for its number (none when cached), then one
 * DELETE; emits the association as it was, which leaves both tickets' cached lists.
 *
 * @example space$.pipe(ticket({ number: 1 }), associations(), concatMap((as) => as), deleteAssociation())
 */
export function deleteAssociation(options?: WriteOptions): OperatorFunction<TicketAssociation, TicketAssociation> {
  return scoped({ name: 'deleteAssociation', from: ['association'] }, row, (scope) =>
    deleting(associationWrites, scope, options, { query: 'deleteAssociation' }),
  );
}
