// Ticket comments (digest §7): unpaged, newest first (id desc) as recorded in
// spec/fixtures/recordings/ticket-comments/list.json; `ticket_changes` is YAML text. Written as
// recorded in spec/fixtures/recordings/ticket-comments/{create,edit}.json: POST answers 201, the
// comment and a Location under the ticket's `<number>-<slug>`, PUT answers 204; a comment bumps its
// ticket's `updated_at`.
import { attributes } from '../http/body';
import { json, list, noContent, notFound, unprocessable } from '../http/replies';
import { isoSeconds } from '../http/time';
import { commentEvent, recordEvent } from './activity';
import { found, onTicket, type Context } from './context';
import type { FakeResource, SeedContext } from './resource';
import type { WireSpace } from './spaces';
import { ticketLocation, type WireTicket } from './tickets';

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

// The comment text of a write; a blank one is refused (the blank comments Assembla keeps come with
// a ticket's creation, never from this endpoint).
function commentText(ctx: Context): string | undefined {
  const text = attributes(ctx.body, 'ticket_comment').comment;
  return (typeof text === 'string' || typeof text === 'number') && String(text).trim() !== ''
    ? String(text)
    : undefined;
}

const BLANK = { comment: ["can't be blank"] };

/** `POST /spaces/:space/tickets/:number/ticket_comments`: 201 + the comment + Location. */
const createComment = onTicket((ctx, space, ticket) => {
  const text = commentText(ctx);
  if (text === undefined) return unprocessable(BLANK);
  const now = isoSeconds(ctx.now);
  const comment: WireComment = {
    id: ctx.store.nextId('comments'),
    comment: text,
    ticket_id: ticket.id,
    user_id: ctx.store.data.me.id,
    created_on: now,
    updated_at: now,
    ticket_changes: NO_CHANGES,
  };
  ctx.store.of('comments', space.id).push(comment);
  ctx.store.replaceTicket({ ...ticket, updated_at: now });
  recordEvent(ctx, space, commentEvent(ticket, comment, 'commented'));
  return json(comment, 201, {
    Location: `${ticketLocation(ctx.baseUrl, ticket)}/ticket_comments/${comment.id}`,
  });
});

/** `PUT /spaces/:space/tickets/:number/ticket_comments/:id`: 204. */
const updateComment = onTicket((ctx, space, ticket) => {
  const all = ctx.store.of('comments', space.id);
  const i = all.findIndex((c) => c.id === Number(ctx.params.id) && c.ticket_id === ticket.id);
  if (i < 0) return notFound();
  const text = commentText(ctx);
  if (text === undefined) return unprocessable(BLANK);
  all[i] = { ...all[i], comment: text, updated_at: isoSeconds(ctx.now) };
  recordEvent(ctx, space, commentEvent(ticket, all[i], 'updated'));
  return noContent();
});

export const comments: FakeResource = {
  name: 'ticket comment',
  routes: [
    ['GET', '/spaces/:space/tickets/:number/ticket_comments', onTicket((ctx, s, t) => list(commentsOf(ctx, s, t)))],
    [
      'GET',
      '/spaces/:space/tickets/:number/ticket_comments/:id',
      onTicket((ctx, s, t) => found(commentsOf(ctx, s, t).find((c) => c.id === Number(ctx.params.id)))),
    ],
    ['POST', '/spaces/:space/tickets/:number/ticket_comments', createComment],
    ['PUT', '/spaces/:space/tickets/:number/ticket_comments/:id', updateComment],
  ],
  seed,
};
