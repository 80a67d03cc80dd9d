// Tickets (digest §6): reports, scoped lists, lookups by number and id, and writes (writes.ts).
// Wire type and seed: data.ts; the sorted, cached report views: reports.ts.
import { found, inSpace, type Context } from '../context';
import type { WireTicket } from '../data';
import { pageOf, paging } from '../paging';
import { list, notFound, type Reply } from '../replies';
import { isFollowedBy, numberSelection, reportView, selectionView } from '../reports';
import * as write from '../writes';
import type { FakeResource } from './resource';

/** Digest §3.1: every ticket list (tag tickets too) pages by 10. */
export const TICKETS_PER_PAGE = 10;

/** `GET /spaces/:space/tickets`: a report (default 1, active tickets), `sort_by`/`sort_order`, paged. */
const listTickets = inSpace((ctx, space) => {
  const selected = numberSelection(ctx.store, space.id, ctx.query);
  if (selected) return list(selected);
  const tickets = reportView(ctx.store, space.id, ctx.store.data.me.id, ctx.query);
  return tickets ? ticketPage(ctx, tickets) : notFound();
});

/** `GET /spaces/:space/tickets/milestone/:id`: all the milestone's tickets, open and closed, by number. */
const listMilestoneTickets = inSpace((ctx, space) => {
  const id = Number(ctx.params.id);
  if (!ctx.store.milestone(space.id, id)) return notFound();
  return ticketPage(
    ctx,
    selectionView(ctx.store, space.id, `milestone=${id}`, (t) => t.milestone_id === id),
  );
});

const listTicketsWithoutMilestone = inSpace((ctx, space) =>
  ticketPage(
    ctx,
    selectionView(ctx.store, space.id, 'no_milestone', (t) => t.milestone_id === null),
  ),
);

/** `GET /spaces/:space/tickets/my_active`: open tickets assigned to the caller. */
const listMyActiveTickets = inSpace((ctx, space) => {
  const me = ctx.store.data.me.id;
  return ticketPage(
    ctx,
    selectionView(ctx.store, space.id, 'my_active', (t) => t.assigned_to_id === me && t.state === 1),
  );
});

/** `GET /spaces/:space/tickets/my_followed`: tickets the caller reported or is notified of. */
const listMyFollowedTickets = inSpace((ctx, space) => {
  const me = ctx.store.data.me.id;
  return ticketPage(
    ctx,
    selectionView(ctx.store, space.id, 'my_followed', (t) => isFollowedBy(t, me)),
  );
});

const getTicket = inSpace(({ store, params }, space) => found(store.ticketByNumber(space.id, Number(params.number))));

const getTicketById = inSpace(({ store, params }, space) => found(store.ticketById(space.id, Number(params.id))));

/**
 * One page of tickets, 10 by default.
 * @example
 * ticketPage(ctx, tickets); // tickets 11..20 for ?page=2
 */
export function ticketPage({ query }: Context, tickets: readonly WireTicket[]): Reply {
  return list(pageOf(tickets, paging(query, TICKETS_PER_PAGE)));
}

export const tickets: FakeResource = {
  name: 'ticket',
  routes: [
    ['GET', '/spaces/:space/tickets', listTickets],
    ['GET', '/spaces/:space/tickets/my_active', listMyActiveTickets],
    ['GET', '/spaces/:space/tickets/my_followed', listMyFollowedTickets],
    ['GET', '/spaces/:space/tickets/no_milestone', listTicketsWithoutMilestone],
    ['GET', '/spaces/:space/tickets/milestone/:id', listMilestoneTickets],
    ['GET', '/spaces/:space/tickets/id/:id', getTicketById],
    ['GET', '/spaces/:space/tickets/:number', getTicket],
    ['POST', '/spaces/:space/tickets', write.createTicket],
    ['PUT', '/spaces/:space/tickets/:number', write.updateTicket],
    ['DELETE', '/spaces/:space/tickets/:number', write.deleteTicket],
  ],
};
