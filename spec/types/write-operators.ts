// Type tests of the writes: what each operator takes and emits, and the attributes it
// accepts. Each `@ts-expect-error` line must fail to compile, every other line must compile.
// Checked by `npm run typecheck` (tsconfig.json: strict); never run (jest looks for *.spec.ts only).
import type { Observable } from 'rxjs';
import {
  API,
  addComment,
  associate,
  attachFile,
  deleteAssociation,
  updateAssociation,
  type Document,
  type FileToAttach,
  type Relationship,
  type TicketAssociation,
  updateComment,
  createCustomField,
  createMilestone,
  createStatus,
  createTag,
  createTicket,
  createWikiPage,
  deleteCustomField,
  deleteMilestone,
  deleteStatus,
  deleteTag,
  deleteTicket,
  deleteWikiPage,
  ticket,
  updateCustomField,
  updateMilestone,
  updateStatus,
  updateTag,
  updateTicket,
  updateWikiPage,
  type CustomField,
  type Milestone,
  type NewCustomField,
  type NewMilestone,
  type NewStatus,
  type NewTag,
  type NewTicket,
  type NewWikiPage,
  type Space,
  type Tag,
  type Ticket,
  type TicketComment,
  type TicketAttributes,
  type TicketStatus,
  type WikiPage,
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

// associate: from a ticket, another ticket and a relationship by name; emits the association.
declare const other: Ticket;
export const linked: Observable<TicketAssociation> = ticket$.pipe(associate(other, 'subtask'));
export const relationship: Relationship = 'block';
// @ts-expect-error relationships are names, not numbers
ticket$.pipe(associate(other, 6));
// @ts-expect-error an unknown relationship
ticket$.pipe(associate(other, 'cousin'));
// @ts-expect-error the other side is a ticket
ticket$.pipe(associate({} as Milestone, 'related'));
// @ts-expect-error associations join tickets
space$.pipe(associate(other, 'related'));

// updateAssociation, deleteAssociation: from an association.
declare const association$: Observable<TicketAssociation>;
export const relinked: Observable<TicketAssociation> = association$.pipe(updateAssociation('related'));
export const unlinked: Observable<TicketAssociation> = association$.pipe(deleteAssociation());
// @ts-expect-error a ticket is not an association
ticket$.pipe(deleteAssociation());
// @ts-expect-error relationships are names
association$.pipe(updateAssociation(2));

// attachFile: from a ticket, a name and bytes (Uint8Array, Buffer, ArrayBuffer, string or Blob).
export const attached: Observable<Document> = ticket$.pipe(attachFile({ name: 'a.log', data: 'text' }));
ticket$.pipe(attachFile({ name: 'a.bin', data: Buffer.from('x'), contentType: 'application/octet-stream' }));
ticket$.pipe(attachFile({ name: 'a.bin', data: new Uint8Array(3) }));
ticket$.pipe(attachFile({ name: 'a.bin', data: new ArrayBuffer(3) }));
ticket$.pipe(attachFile({ name: 'a.bin', data: new Blob(['x']) }));
export const file: FileToAttach = { name: 'a', data: 'b' };
// @ts-expect-error a name is required
ticket$.pipe(attachFile({ data: 'text' }));
// @ts-expect-error data is bytes or text
ticket$.pipe(attachFile({ name: 'a', data: 42 }));
// @ts-expect-error files are attached to tickets
space$.pipe(attachFile({ name: 'a', data: 'x' }));

// The attribute types are public.
export const attributes: TicketAttributes = { description: null, is_story: true };
export const draft: NewTicket = { summary: 'x' };
// createMilestone / updateMilestone / deleteMilestone: from a space, then from a milestone.
export const milestoneMade: Observable<Milestone> = space$.pipe(createMilestone({ title: 'Beta' }));
space$.pipe(createMilestone({ title: 'x', due_date: new Date(), release_level: 2, user_id: null, budget: 1.5 }));
export const milestoneEdited: Observable<Milestone> = milestone$.pipe(updateMilestone({ is_completed: true }));
export const milestoneGone: Observable<Milestone> = milestone$.pipe(deleteMilestone());
// @ts-expect-error title is required
space$.pipe(createMilestone({ description: 'x' }));
// @ts-expect-error due_date is a Date
milestone$.pipe(updateMilestone({ due_date: '2027-01-01' }));
// @ts-expect-error release levels are 1, 2 and 3
milestone$.pipe(updateMilestone({ release_level: 4 }));
// @ts-expect-error an unknown attribute
milestone$.pipe(updateMilestone({ name: 'x' }));
// @ts-expect-error a milestone is updated from a milestone, not a space
space$.pipe(updateMilestone({ title: 'x' }));
// @ts-expect-error a ticket is not a milestone
ticket$.pipe(deleteMilestone());

// Wiki pages: page_name and contents required on create; deleteWikiPage may keep the children.
declare const page$: Observable<WikiPage>;
export const pageMade: Observable<WikiPage> = space$.pipe(createWikiPage({ page_name: 'Setup', contents: 'TODO' }));
export const pageEdited: Observable<WikiPage> = page$.pipe(updateWikiPage({ contents: 'Done', parent_id: null }));
export const pageGone: Observable<WikiPage> = page$.pipe(deleteWikiPage({ children: 'keep' }));
page$.pipe(deleteWikiPage());
// @ts-expect-error contents are required
space$.pipe(createWikiPage({ page_name: 'Setup' }));
// @ts-expect-error status is 0, 1 or 2
page$.pipe(updateWikiPage({ status: 3 }));
// @ts-expect-error children are deleted or kept
page$.pipe(deleteWikiPage({ children: 'move' }));
// @ts-expect-error a space is not a wiki page
space$.pipe(updateWikiPage({ contents: 'x' }));

// Tags: name required; state 1, 2 or 4.
declare const tag$: Observable<Tag>;
export const tagMade: Observable<Tag> = space$.pipe(createTag({ name: 'Core', state: 2 }));
export const tagEdited: Observable<Tag> = tag$.pipe(updateTag({ state: null }));
export const tagGone: Observable<Tag> = tag$.pipe(deleteTag());
// @ts-expect-error name is required
space$.pipe(createTag({ state: 2 }));
// @ts-expect-error 3 is no tag state
tag$.pipe(updateTag({ state: 3 }));
// @ts-expect-error a name is a string
tag$.pipe(updateTag({ name: 1 }));

// Statuses: name and state required; state 0 or 1.
declare const status$: Observable<TicketStatus>;
export const statusMade: Observable<TicketStatus> = space$.pipe(createStatus({ name: 'Deploy', state: 1 }));
export const statusEdited: Observable<TicketStatus> = status$.pipe(updateStatus({ name: 'QA', list_order: 2 }));
export const statusGone: Observable<TicketStatus> = status$.pipe(deleteStatus());
// @ts-expect-error state is required
space$.pipe(createStatus({ name: 'Deploy' }));
// @ts-expect-error state is 0 or 1
status$.pipe(updateStatus({ state: 2 }));
// @ts-expect-error a status is not a tag
tag$.pipe(updateStatus({ name: 'x' }));

// Custom fields: title and type required; a type the API knows.
declare const field$: Observable<CustomField>;
export const fieldMade: Observable<CustomField> = space$.pipe(createCustomField({ title: 'Build', type: 'text' }));
space$.pipe(createCustomField({ title: 'Customer', type: 'List', list_options: ['Acme', 'Globex'] }));
export const fieldEdited: Observable<CustomField> = field$.pipe(updateCustomField({ type: 'numeric', order: null }));
export const fieldGone: Observable<CustomField> = field$.pipe(deleteCustomField());
// @ts-expect-error type is required
space$.pipe(createCustomField({ title: 'Build' }));
// @ts-expect-error no such type
field$.pipe(updateCustomField({ type: 'colour' }));
// @ts-expect-error list options are an array of strings
field$.pipe(updateCustomField({ list_options: 'a,b' }));

// The attribute types are public.
export const newOnes: [NewMilestone, NewWikiPage, NewTag, NewStatus, NewCustomField] = [
  { title: 'x' },
  { page_name: 'x', contents: 'y' },
  { name: 'x' },
  { name: 'x', state: 0 },
  { title: 'x', type: 'date' },
];
void api;
