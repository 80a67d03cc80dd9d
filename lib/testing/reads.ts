// GET handlers: what each read endpoint answers, with the real API's paging and ordering.
import { inSpace, type Context, type Handler } from './context';
import type { WireMilestone, WireTicket } from './data';
import { pageOf, paging } from './paging';
import { json, list, notFound, type Reply } from './replies';
import { isFollowedBy, numberSelection, reportView, selectionView } from './reports';

const TICKETS_PER_PAGE = 10; // digest §3.1
const MILESTONES_PER_PAGE = 10; // not documented; an assumption

/** `GET /spaces`: every space of the caller, unpaged. */
export const listSpaces: Handler = ({ store }) => list(store.data.spaces);

export const getSpace = inSpace((_ctx, space) => json(space));

/** `GET /spaces/:space/users`: the members, unpaged. */
export const listSpaceUsers = inSpace(({ store }, space) => list(store.users(space.id)));

/** `GET /users`: everyone the caller can see (the portfolio listing), unpaged. */
export const listUsers: Handler = ({ store }) => list(store.allUsers());

/** `GET /user`: the caller. */
export const getMe: Handler = ({ store }) => json(store.data.me);

/** `GET /users/:user`: by id or login. */
export const getUser: Handler = ({ store, params }) => found(store.user(params.user));

/** `GET /spaces/:space/tickets/statuses`: by list_order, unpaged. */
export const listStatuses = inSpace(({ store }, space) =>
  list([...store.statuses(space.id)].sort((a, b) => a.list_order - b.list_order)),
);

const MILESTONE_LISTS: Record<string, (m: WireMilestone) => boolean> = {
  default: (m) => !m.is_completed, // recorded: the default listing held the open milestone
  all: () => true,
  upcoming: (m) => !m.is_completed,
  completed: (m) => m.is_completed,
  release_notes: (m) => m.release_notes !== null && m.release_notes !== '',
};

/** `GET /spaces/:space/milestones[/all|upcoming|completed|release_notes]`: paged, by due date (undated last). */
export function listMilestones(which: keyof typeof MILESTONE_LISTS): Handler {
  const filter = MILESTONE_LISTS[which];
  return inSpace(({ store, query }, space) => {
    const milestones = store.milestones(space.id).filter(filter).sort(byDueDate);
    return list(pageOf(milestones, paging(query, MILESTONES_PER_PAGE)));
  });
}

export const getMilestone = inSpace(({ store, params }, space) => found(store.milestone(space.id, Number(params.id))));

/** `GET /spaces/:space/tickets`: a report (default 1, active tickets), `sort_by`/`sort_order`, paged. */
export const listTickets = inSpace((ctx, space) => {
  const selected = numberSelection(ctx.store, space.id, ctx.query);
  if (selected) return list(selected);
  const tickets = reportView(ctx.store, space.id, ctx.store.data.me.id, ctx.query);
  return tickets ? ticketPage(ctx, tickets) : notFound();
});

/** `GET /spaces/:space/tickets/milestone/:id`: all the milestone's tickets, open and closed, by number. */
export const listMilestoneTickets = inSpace((ctx, space) => {
  const id = Number(ctx.params.id);
  if (!ctx.store.milestone(space.id, id)) return notFound();
  return ticketPage(
    ctx,
    selectionView(ctx.store, space.id, `milestone=${id}`, (t) => t.milestone_id === id),
  );
});

export const listTicketsWithoutMilestone = inSpace((ctx, space) =>
  ticketPage(
    ctx,
    selectionView(ctx.store, space.id, 'no_milestone', (t) => t.milestone_id === null),
  ),
);

/** `GET /spaces/:space/tickets/my_active`: open tickets assigned to the caller. */
export const listMyActiveTickets = inSpace((ctx, space) => {
  const me = ctx.store.data.me.id;
  return ticketPage(
    ctx,
    selectionView(ctx.store, space.id, 'my_active', (t) => t.assigned_to_id === me && t.state === 1),
  );
});

/** `GET /spaces/:space/tickets/my_followed`: tickets the caller reported or is notified of. */
export const listMyFollowedTickets = inSpace((ctx, space) => {
  const me = ctx.store.data.me.id;
  return ticketPage(
    ctx,
    selectionView(ctx.store, space.id, 'my_followed', (t) => isFollowedBy(t, me)),
  );
});

export const getTicket = inSpace(({ store, params }, space) =>
  found(store.ticketByNumber(space.id, Number(params.number))),
);

export const getTicketById = inSpace(({ store, params }, space) =>
  found(store.ticketById(space.id, Number(params.id))),
);

function ticketPage({ query }: Context, tickets: readonly WireTicket[]): Reply {
  return list(pageOf(tickets, paging(query, TICKETS_PER_PAGE)));
}

function found(entity: object | undefined): Reply {
  return entity ? json(entity) : notFound();
}

function byDueDate(a: WireMilestone, b: WireMilestone): number {
  if (a.due_date !== b.due_date) {
    if (a.due_date === null) return 1;
    if (b.due_date === null) return -1;
    return a.due_date < b.due_date ? -1 : 1;
  }
  return a.id - b.id;
}
