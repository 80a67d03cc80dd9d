import { TicketAssociation } from '../codecs';
import { ResourceRow, Writes, defineResource } from './row';
import { tickets } from './tickets';

/**
 * A ticket's associations (digest §10), unpaged: each is stored once and listed from either ticket,
 * as the server normalised it (a subtask is stored as the other side's story:
 * spec/fixtures/recordings/ticket-associations/list.json), so `ticket1_id` may be the other ticket.
 */
export const associations: ResourceRow<TicketAssociation> = defineResource<TicketAssociation>({
  name: 'association',
  tag: 'associations',
  codec: TicketAssociation,
  from: { ticket: { path: '/spaces/{space}/tickets/{number}/ticket_associations' } },
  identity: 'id',
});

/**
 * What ticket2 is of ticket1, by name: the numbers the API takes and answers (digest §10).
 *
 * @example space$.pipe(ticket({ number: 1 }), associate(other, 'subtask'))  // `other` is a subtask of #1
 */
export type Relationship =
  'parent' | 'child' | 'related' | 'duplicate' | 'sibling' | 'story' | 'subtask' | 'dependent' | 'block';

/**
 * Each relationship's number (digest §10; spec/fixtures/recordings/ticket-associations/create.json
 * sends 6 for a subtask).
 */
export const RELATIONSHIPS: Readonly<Record<Relationship, number>> = {
  parent: 0,
  child: 1,
  related: 2,
  duplicate: 3,
  sibling: 4,
  story: 5,
  subtask: 6,
  dependent: 7,
  block: 8,
};

/**
 * Association writes (digest §10; spec/fixtures/recordings/ticket-associations/create.json, edit.json,
 * delete.json): POST on one ticket with the other's global id answers 201 with the association as the
 * server normalised it (a subtask comes back as the other side's story: the answer already is what a
 * GET reads, so it is not read back); PUT and DELETE answer 204, from either ticket's URL: the
 * association's `ticket1_id` ticket is found for its number (none when cached).
 */
// A plain object, not a call: a bundler drops it from a page that only reads (a call it would keep).
export const associationWrites: Writes<TicketAssociation> = {
  row: associations,
  attributes: { ticket2_id: 'integer', relationship: 'integer' },
  create: {
    path: '/spaces/{space}/tickets/{number}/ticket_associations',
    body: { encoding: 'rails', key: 'ticket_association' },
    required: ['ticket2_id', 'relationship'],
    // Two tickets are joined once (the server refuses a second): the one joining the other ticket.
    find: {
      path: '/spaces/{space}/tickets/{number}/ticket_associations',
      match: (a, sent) => a.ticket1_id === sent.ticket2_id || a.ticket2_id === sent.ticket2_id,
    },
  },
  update: {
    path: '/spaces/{space}/tickets/{number}/ticket_associations/{id}',
    body: { encoding: 'rails', key: 'ticket_association' },
    read: '/spaces/{space}/tickets/{number}/ticket_associations/{id}',
    parent: { row: () => tickets, field: 'id', from: 'ticket1_id' },
  },
  delete: {
    path: '/spaces/{space}/tickets/{number}/ticket_associations/{id}',
    parent: { row: () => tickets, field: 'id', from: 'ticket1_id' },
  },
};
