import { Ticket } from '../codecs/ticket';
import type { Milestone, User } from '../codecs';
import { ResourceRow, defineResource } from './row';

const byNumber = (a: Ticket, b: Ticket): number => a.number - b.number;

/**
 * Tickets (digest §6). A space's whole list is every report (`report=0`: the default report hides
 * closed ones), sorted by number so that edits during a long read do not shift pages; a milestone's
 * come from their own list unless the space's is cached (the same tickets); a user's are the space's
 * assigned to them; a tag's from the tag's list (§12).
 */
export const tickets: ResourceRow<Ticket> = defineResource<Ticket>({
  name: 'ticket',
  tag: 'tickets',
  codec: Ticket,
  from: {
    space: { path: '/spaces/{space}/tickets', params: { report: 0, sort_by: 'number', sort_order: 'asc' } },
    milestone: {
      path: '/spaces/{space}/tickets/milestone/{id}',
      within: (t: Ticket, m: Milestone) => t.milestone_id === m.id,
      order: byNumber,
    },
    tag: { path: '/spaces/{space}/tags/{id}/tickets' },
    user: {
      within: (t: Ticket, u: User) => t.assigned_to_id === u.id,
      describe: (u: User) => `the tickets of user "${u.name}"`,
    },
  },
  lists: {
    my_active: { path: '/spaces/{space}/tickets/my_active' },
    my_followed: { path: '/spaces/{space}/tickets/my_followed' },
    no_milestone: { path: '/spaces/{space}/tickets/no_milestone' },
  },
  lookups: [
    { by: 'number', path: '/spaces/{space}/tickets/{number}' },
    { by: 'id', path: '/spaces/{space}/tickets/id/{id}' },
  ],
  paged: true,
  numbered: { field: 'number', select: 'number[]' },
  identity: 'number',
  describe: (t) => `ticket #${t.number}`,
  example: 'ticket({ number: 201 })',
});
