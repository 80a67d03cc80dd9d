import { TicketAssociation } from '../codecs';
import { ResourceRow, defineResource } from './row';

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
