import { TicketComment } from '../codecs';
import { ResourceRow, defineResource } from './row';

/**
 * A ticket's comments (digest §7), unpaged. Delivered oldest first whatever the server's order (it
 * answered newest first: spec/fixtures/recordings/ticket-comments/list.json).
 */
export const comments: ResourceRow<TicketComment> = defineResource<TicketComment>({
  name: 'comment',
  tag: 'comments',
  codec: TicketComment,
  from: { ticket: { path: '/spaces/{space}/tickets/{number}/ticket_comments' } },
  identity: 'id',
  order: (a, b) => a.created_on.getTime() - b.created_on.getTime() || a.id - b.id,
});
