// Ticket associations (digest §10): stored once, listed from either ticket. The server stores a
// subtask (6) as the other side's story (5): a POST on ticket 52 with ticket2_id 53 and relationship
// 6 came back as ticket1_id 53, ticket2_id 52, relationship 5
// (spec/fixtures/recordings/ticket-associations/list.json); the seed holds them so stored.
import { list } from '../http/replies';
import { isoSeconds } from '../http/time';
import { found, onTicket } from './context';
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
  ],
  seed,
};
