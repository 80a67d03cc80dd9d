// Ticket comments (digest §7): unpaged, newest first (id desc) as recorded in
// spec/fixtures/recordings/ticket-comments/list.json; `ticket_changes` is YAML text.
import { list } from '../http/replies';
import { isoSeconds } from '../http/time';
import { found, onTicket, type Context } from './context';
import type { FakeResource, SeedContext } from './resource';
import type { WireSpace } from './spaces';
import type { WireTicket } from './tickets';

/** A ticket comment; `created_on`, not `created_at`. */
export interface WireComment {
  id: number;
  comment: string;
  /** The ticket's global id, not its number. */
  ticket_id: number;
  user_id: string;
  created_on: string;
  updated_at: string;
  /** YAML describing the field changes, `"--- []\n"` when none. */
  ticket_changes: string;
}

const NO_CHANGES = '--- []\n';
const TEXTS = [
  'Reproduced on staging.',
  'Some WIP is done',
  'Could you attach the logs?',
  'Fixed in the latest build, please check.',
  'This depends on the sync job refactoring.',
  'Moved to the next sprint.',
];

/** Comments of a ticket, newest first. */
function commentsOf(ctx: Context, space: WireSpace, ticket: WireTicket): WireComment[] {
  return ctx.store
    .of('comments', space.id)
    .filter((c) => c.ticket_id === ticket.id)
    .sort((a, b) => b.id - a.id);
}

/**
 * Seeds `number % 4` comments on each seeded ticket (ticket 201 gets 3), an hour apart after it was
 * created; the first one records a status change.
 */
function seed(ctx: SeedContext): void {
  const comments = (ctx.data.comments[ctx.space.id] = [] as WireComment[]);
  for (const ticket of ctx.seeded) {
    const count = ticket.number === 201 ? 3 : ticket.number % 4;
    const created = Date.parse(ticket.created_on);
    for (let k = 0; k < count; k++) {
      const at = isoSeconds(created + (k + 1) * 3_600_000 + ctx.random.int(0, 3599) * 1000);
      comments.push({
        id: ctx.nextId('comment'),
        comment: ctx.random.pick(TEXTS),
        ticket_id: ticket.id,
        user_id: ctx.random.pick(ctx.users).id,
        created_on: at,
        updated_at: at,
        ticket_changes: k === 0 ? '---\n- - status\n  - New\n  - Accepted\n' : NO_CHANGES,
      });
    }
  }
}

export const comments: FakeResource = {
  name: 'ticket comment',
  routes: [
    ['GET', '/spaces/:space/tickets/:number/ticket_comments', onTicket((ctx, s, t) => list(commentsOf(ctx, s, t)))],
    [
      'GET',
      '/spaces/:space/tickets/:number/ticket_comments/:id',
      onTicket((ctx, s, t) => found(commentsOf(ctx, s, t).find((c) => c.id === Number(ctx.params.id)))),
    ],
  ],
  seed,
};
