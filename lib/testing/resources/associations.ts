// Ticket associations (digest §10): stored once, listed from either ticket. The server stores a
// subtask (6) as the other side's story (5): a POST on ticket 52 with ticket2_id 53 and relationship
// 6 came back as ticket1_id 53, ticket2_id 52, relationship 5
// (spec/fixtures/recordings/ticket-associations/list.json); the seed holds them so stored, and
// writes store them so too. POST answers 201, the association and a Location under the URL's
// ticket; PUT answers 204 with that Location too (ticket-associations/edit.json); DELETE 204.
import { attributes, toInt, type FieldErrors } from '../http/body';
import { json, list, noContent, notFound, unprocessable } from '../http/replies';
import { isoSeconds } from '../http/time';
import { recordEvent, ticketEvent } from './activity';
import { found, onTicket, type Context } from './context';
import { ticketLocation, type WireTicket } from './tickets';
import type { FakeResource, SeedContext } from './resource';

/** An association: "ticket2 is <relationship> of ticket1" (ids are global ticket ids). */
export interface WireAssociation {
  id: number;
  ticket1_id: number;
  ticket2_id: number;
  /** 0 parent, 1 child, 2 related, 3 duplicate, 4 sibling, 5 story, 6 subtask, 7 dependent, 8 block. */
  relationship: number;
  created_at: string;
}

// [ticket1 number, ticket2 number, relationship]: ticket 1 a subtask of story 2 (stored as 5 from 2),
// 3 related to 1, 5 a duplicate of 4, 301 dependent on 201.
const SEEDED: Array<[number, number, number]> = [
  [2, 1, 5],
  [3, 1, 2],
  [4, 5, 3],
  [201, 301, 7],
];

function seed(ctx: SeedContext): void {
  const byNumber = new Map(ctx.seeded.map((t) => [t.number, t]));
  const t301 = ctx.tickets[300];
  if (t301) byNumber.set(301, t301);
  ctx.data.associations[ctx.space.id] = SEEDED.flatMap(([one, two, relationship]) => {
    const [a, b] = [byNumber.get(one), byNumber.get(two)];
    if (!a || !b || a === b) return [];
    const at = Math.max(Date.parse(a.created_on), Date.parse(b.created_on)) + 600_000;
    return [
      { id: ctx.nextId('association'), ticket1_id: a.id, ticket2_id: b.id, relationship, created_at: isoSeconds(at) },
    ];
  });
}

// Relationships stored from the other side: subtask (6) as story (5), recorded; child (1) as
// parent (0), by symmetry (digest §10).
const STORED_AS: Readonly<Record<number, number>> = { 6: 5, 1: 0 };

/** `ticket1 --relationship--> ticket2` as the server stores it. */
function normalised(
  ticket1: number,
  ticket2: number,
  relationship: number,
): Omit<WireAssociation, 'id' | 'created_at'> {
  const flipped = STORED_AS[relationship];
  return flipped === undefined
    ? { ticket1_id: ticket1, ticket2_id: ticket2, relationship }
    : { ticket1_id: ticket2, ticket2_id: ticket1, relationship: flipped };
}

function relationshipOf(attrs: Record<string, unknown>, errors: FieldErrors): number | undefined {
  const r = toInt(attrs.relationship);
  if (r !== undefined && r >= 0 && r <= 8) return r;
  errors.relationship = ['is not included in the list'];
  return undefined;
}

function location(ctx: Context, ticket: WireTicket, id: number): Record<string, string> {
  return { Location: `${ticketLocation(ctx.baseUrl, ticket)}/ticket_associations/${id}` };
}

const joins = (a: WireAssociation, ticket: WireTicket): boolean =>
  a.ticket1_id === ticket.id || a.ticket2_id === ticket.id;

/** `POST .../ticket_associations`: `ticket2_id` is the other ticket's global id; 201. */
const createAssociation = onTicket((ctx, space, ticket) => {
  const attrs = attributes(ctx.body, 'ticket_association');
  const errors: FieldErrors = {};
  const relationship = relationshipOf(attrs, errors);
  const otherId = toInt(attrs.ticket2_id);
  const other = otherId === undefined ? undefined : ctx.store.ticketById(space.id, otherId);
  const all = ctx.store.of('associations', space.id);
  if (attrs.ticket2_id === undefined || attrs.ticket2_id === null || attrs.ticket2_id === '')
    errors.ticket2_id = ["can't be blank"];
  else if (!other) errors.ticket2_id = ['is invalid'];
  else if (other.id === ticket.id) errors.ticket2_id = ["can't be the ticket itself"];
  else if (all.some((a) => joins(a, ticket) && joins(a, other))) errors.ticket2_id = ['has already been taken'];
  if (Object.keys(errors).length > 0 || !other || relationship === undefined) return unprocessable(errors);
  const association: WireAssociation = {
    id: ctx.store.nextId('associations'),
    ...normalised(ticket.id, other.id, relationship),
    created_at: isoSeconds(ctx.now),
  };
  all.push(association);
  recordEvent(ctx, space, ticketEvent(ticket, 'updated'));
  return json(association, 201, location(ctx, ticket, association.id));
});

/** `PUT .../ticket_associations/:id`: a new relationship (of ticket2 to ticket1 as stored); 204. */
const updateAssociation = onTicket((ctx, space, ticket) => {
  const all = ctx.store.of('associations', space.id);
  const i = all.findIndex((a) => a.id === Number(ctx.params.id) && joins(a, ticket));
  if (i < 0) return notFound();
  const errors: FieldErrors = {};
  const relationship = relationshipOf(attributes(ctx.body, 'ticket_association'), errors);
  if (relationship === undefined) return unprocessable(errors);
  all[i] = { ...all[i], ...normalised(all[i].ticket1_id, all[i].ticket2_id, relationship) };
  recordEvent(ctx, space, ticketEvent(ticket, 'updated'));
  return noContent(location(ctx, ticket, all[i].id));
});

/** `DELETE .../ticket_associations/:id`: from either ticket; 204. */
const deleteAssociation = onTicket((ctx, space, ticket) => {
  const all = ctx.store.of('associations', space.id);
  const i = all.findIndex((a) => a.id === Number(ctx.params.id) && joins(a, ticket));
  if (i < 0) return notFound();
  all.splice(i, 1);
  recordEvent(ctx, space, ticketEvent(ticket, 'updated'));
  return noContent();
});

const ofTicket = onTicket(({ store }, space, ticket) =>
  list(store.of('associations', space.id).filter((a) => a.ticket1_id === ticket.id || a.ticket2_id === ticket.id)),
);

const getAssociation = onTicket(({ store, params }, space, ticket) =>
  found(
    store
      .of('associations', space.id)
      .find((a) => a.id === Number(params.id) && (a.ticket1_id === ticket.id || a.ticket2_id === ticket.id)),
  ),
);

export const associations: FakeResource = {
  name: 'ticket association',
  routes: [
    ['GET', '/spaces/:space/tickets/:number/ticket_associations', ofTicket],
    ['GET', '/spaces/:space/tickets/:number/ticket_associations/:id', getAssociation],
    ['POST', '/spaces/:space/tickets/:number/ticket_associations', createAssociation],
    ['PUT', '/spaces/:space/tickets/:number/ticket_associations/:id', updateAssociation],
    ['DELETE', '/spaces/:space/tickets/:number/ticket_associations/:id', deleteAssociation],
  ],
  seed,
};
