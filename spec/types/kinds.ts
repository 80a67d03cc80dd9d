// Type tests of the kinds the new reads return: each `@ts-expect-error` line must fail to compile,
// every other line must compile. Checked by `npm run typecheck`; never run.
import type {
  ActivityEvent,
  CustomField,
  Document,
  ReadonlyDate,
  Task,
  TicketAssociation,
  TicketComment,
  WikiPage,
} from '../../lib';

declare const task: Task;
declare const field: CustomField;
declare const comment: TicketComment;
declare const event: ActivityEvent;
declare const doc: Document;
declare const association: TicketAssociation;
declare const page: WikiPage;

export function odditiesAreTypedAsDecoded(): void {
  // Task hours: a decimal string on the wire, a number once decoded.
  const hours: number = task.hours;
  // @ts-expect-error not the wire's string
  const hoursText: string = task.hours;
  // ticket_changes stays YAML text.
  const yaml: string = comment.ticket_changes;
  // list_options: an array, and only on list fields.
  const options: readonly string[] | undefined = field.list_options;
  // @ts-expect-error it may be absent
  const always: readonly string[] = field.list_options;
  const type: string = field.type;
  void [hours, hoursText, yaml, options, always, type];
}

export function activityEventsAreTyped(): void {
  const when: ReadonlyDate = event.date;
  const id: string = event.object_id;
  // Absent on system events.
  // @ts-expect-error may be absent or null
  const author: string = event.author_id;
  const number: number | undefined = event.ticket?.number;
  void [when, id, author, number];
}

export function kindsAreDeeplyReadonly(): void {
  // @ts-expect-error frozen
  task.hours = 2;
  // @ts-expect-error nested objects too
  if (event.ticket) event.ticket.summary = 'x';
  // @ts-expect-error and arrays
  field.list_options?.push('x');
  // @ts-expect-error and dates
  doc.created_at.setTime(0);
  // @ts-expect-error every kind
  association.relationship = 6;
  // @ts-expect-error every kind
  page.contents = '';
}
