// Type tests of the ticket writes: what each operator takes and emits, and the attributes it
// accepts. Each `@ts-expect-error` line must fail to compile, every other line must compile.
// Checked by `npm run typecheck` (tsconfig.json: strict); never run (jest looks for *.spec.ts only).
import type { Observable } from 'rxjs';
import {
  API,
  addComment,
  updateComment,
  createTicket,
  deleteTicket,
  ticket,
  updateTicket,
  type Milestone,
  type NewTicket,
  type Space,
  type Ticket,
  type TicketComment,
  type TicketAttributes,
} from '../../lib';

declare const api: API;
declare const space$: Observable<Space>;
declare const milestone$: Observable<Milestone>;
const ticket$ = space$.pipe(ticket({ number: 201 }));

// createTicket: from a space, summary required, emits a Ticket.
export const created: Observable<Ticket> = space$.pipe(createTicket({ summary: 'Crash on save', priority: 2 }));
space$.pipe(createTicket({ summary: 'x', tags: ['Core'], custom_fields: { Build: '42' }, created_on: new Date() }));
space$.pipe(createTicket({ summary: 'x', assigned_to_id: null, milestone_id: null, number: 5000 }));
// @ts-expect-error summary is required
space$.pipe(createTicket({ priority: 2 }));
// @ts-expect-error an unknown attribute
space$.pipe(createTicket({ summary: 'x', colour: 'red' }));
// @ts-expect-error priority is a number
space$.pipe(createTicket({ summary: 'x', priority: 'high' }));
// @ts-expect-error tags are names
space$.pipe(createTicket({ summary: 'x', tags: [1] }));
// @ts-expect-error a ticket is created in a space, not a milestone
milestone$.pipe(createTicket({ summary: 'x' }));

// updateTicket: from a ticket, every attribute optional, emits the Ticket as the server has it.
export const updated: Observable<Ticket> = ticket$.pipe(updateTicket({ status: 'Fixed' }));
ticket$.pipe(updateTicket({}));
// @ts-expect-error state is derived, not writable
ticket$.pipe(updateTicket({ state: 0 }));
// @ts-expect-error status is a name
ticket$.pipe(updateTicket({ status: 4 }));
// @ts-expect-error `number` only on create
ticket$.pipe(updateTicket({ number: 5 }));
// @ts-expect-error a space is not a ticket
space$.pipe(updateTicket({ status: 'Fixed' }));

// deleteTicket: from a ticket, emits the ticket that was deleted.
export const deleted: Observable<Ticket> = ticket$.pipe(deleteTicket());
// @ts-expect-error a space is not a ticket
space$.pipe(deleteTicket());

// addComment: from a ticket, a text; updateComment: from a comment.
export const added: Observable<TicketComment> = ticket$.pipe(addComment('Fixed in r42'));
declare const comment$: Observable<TicketComment>;
export const edited: Observable<TicketComment> = comment$.pipe(updateComment('Edited'));
// @ts-expect-error a comment is text
ticket$.pipe(addComment({ comment: 'x' }));
// @ts-expect-error comments go on tickets
space$.pipe(addComment('x'));
// @ts-expect-error a ticket is not a comment
ticket$.pipe(updateComment('x'));

// The attribute types are public.
export const attributes: TicketAttributes = { description: null, is_story: true };
export const draft: NewTicket = { summary: 'x' };
void api;
