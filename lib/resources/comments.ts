import { TicketComment } from '../codecs';
import { ResourceRow, Writes, defineResource } from './row';
import { tickets } from './tickets';

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

/**
 * Comment writes (digest §7; spec/fixtures/recordings/ticket-comments/create.json, edit.json): POST
 * answers 201 with the comment, PUT 204. A comment's routes need its ticket's number, which a comment
 * does not carry (only `ticket_id`, the global id): an update finds the ticket by id first. A create
 * whose answer was lost is looked for among the ticket's comments (newest first): the caller's, with
 * that text. A comment bumps its ticket's `updated_at`: the ticket is read again.
 */
// A plain object, not a call: a bundler drops it from a page that only reads (a call it would keep).
export const commentWrites: Writes<TicketComment> = {
  row: comments,
  attributes: { comment: 'string' },
  create: {
    path: '/spaces/{space}/tickets/{number}/ticket_comments',
    body: { encoding: 'rails', key: 'ticket_comment' },
    required: ['comment'],
    // A comment bumps its ticket's updated_at (as the local server does: lib/testing/resources/comments.ts).
    touchesParent: true,
    find: {
      path: '/spaces/{space}/tickets/{number}/ticket_comments',
      match: (c, sent, me) => c.user_id === me.id && c.comment === sent.comment,
    },
  },
  update: {
    path: '/spaces/{space}/tickets/{number}/ticket_comments/{id}',
    body: { encoding: 'rails', key: 'ticket_comment' },
    read: '/spaces/{space}/tickets/{number}/ticket_comments/{id}',
    parent: { row: () => tickets, field: 'id', from: 'ticket_id' },
  },
};
