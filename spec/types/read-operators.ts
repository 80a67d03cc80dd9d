// Type tests of the reads of contract part 2: what each operator accepts and emits, its filter and
// its list names. Each `@ts-expect-error` line must fail to compile, every other line must compile.
// Checked by `npm run typecheck` (tsconfig.json: strict); never run (jest looks for *.spec.ts only).
import type { Observable } from 'rxjs';
import {
  API,
  associations,
  attachments,
  comments,
  components,
  customFields,
  documents,
  iterateTickets,
  milestone,
  milestones,
  spaceDocument,
  spaceTools,
  statuses,
  streamTickets,
  tag,
  tags,
  tasks,
  ticket,
  tickets,
  userRoles,
  wikiPage,
  wikiPages,
  wikiVersions,
  type Component,
  type CustomField,
  type Document,
  type Milestone,
  type Space,
  type SpaceTool,
  type Tag,
  type Task,
  type Ticket,
  type TicketAssociation,
  type TicketComment,
  type TicketStatus,
  type User,
  type UserRole,
  type WikiPage,
  type WikiVersion,
} from '../../lib';

declare const api: API;
declare const space$: Observable<Space>;
declare const ticket$: Observable<Ticket>;
declare const milestone$: Observable<Milestone>;
declare const tag$: Observable<Tag>;
declare const page$: Observable<WikiPage>;

export function whatATicketsReadsEmit(): void {
  const c: Observable<TicketComment[]> = ticket$.pipe(comments());
  const t: Observable<Tag[]> = ticket$.pipe(tags());
  const a: Observable<TicketAssociation[]> = ticket$.pipe(associations());
  const d: Observable<Document[]> = ticket$.pipe(attachments());
  // @ts-expect-error comments are not tags
  const wrong: Observable<Tag[]> = ticket$.pipe(comments());
  // @ts-expect-error a list, not one comment
  const one: Observable<TicketComment> = ticket$.pipe(comments());
  void [c, t, a, d, wrong, one];
}

export function whatASpacesReadsEmit(): void {
  const s: Observable<TicketStatus[]> = space$.pipe(statuses());
  const f: Observable<CustomField[]> = space$.pipe(customFields());
  const c: Observable<Component[]> = space$.pipe(components());
  const d: Observable<Document[]> = space$.pipe(documents());
  const one: Observable<Document> = space$.pipe(spaceDocument({ id: 'abc' }));
  const w: Observable<WikiPage[]> = space$.pipe(wikiPages());
  const page: Observable<WikiPage> = space$.pipe(wikiPage({ page_name: 'Home' }));
  const v: Observable<WikiVersion[]> = space$.pipe(wikiPage({ page_name: 'Home' }), wikiVersions());
  const tools: Observable<SpaceTool[]> = space$.pipe(spaceTools());
  const roles: Observable<UserRole[]> = space$.pipe(userRoles());
  const mine: Observable<Task[]> = space$.pipe(tasks());
  const all: Observable<Tag[]> = space$.pipe(tags());
  const core: Observable<Tag> = space$.pipe(tag({ name: 'Core' }));
  const me: Observable<User> = api.me();
  // @ts-expect-error statuses are not custom fields
  const wrong: Observable<CustomField[]> = space$.pipe(statuses());
  // @ts-expect-error a singular query emits one entity
  const many: Observable<WikiPage[]> = space$.pipe(wikiPage({ page_name: 'Home' }));
  // @ts-expect-error me() takes nothing
  void api.me({ login: 'jsmith' });
  void [s, f, c, d, one, w, page, v, tools, roles, mine, all, core, me, wrong, many];
}

export function whatEachAccepts(): unknown[] {
  return [
    // @ts-expect-error comments are a ticket's, not a space's
    space$.pipe(comments()),
    // @ts-expect-error associations too
    space$.pipe(associations()),
    // @ts-expect-error attachments are a ticket's; a space has documents
    space$.pipe(attachments()),
    // @ts-expect-error statuses are a space's, not a ticket's
    ticket$.pipe(statuses()),
    // @ts-expect-error custom fields too
    ticket$.pipe(customFields()),
    // @ts-expect-error components too
    ticket$.pipe(components()),
    // @ts-expect-error documents too
    ticket$.pipe(documents()),
    // @ts-expect-error one document of a space
    ticket$.pipe(spaceDocument({ id: 'abc' })),
    // @ts-expect-error wiki pages too
    ticket$.pipe(wikiPages()),
    // @ts-expect-error space tools too
    ticket$.pipe(spaceTools()),
    // @ts-expect-error user roles too
    ticket$.pipe(userRoles()),
    // @ts-expect-error tasks too
    ticket$.pipe(tasks()),
    // @ts-expect-error one tag of a space, not of a ticket
    ticket$.pipe(tag({ name: 'Core' })),
    // @ts-expect-error versions are a wiki page's
    space$.pipe(wikiVersions()),
    // @ts-expect-error a milestone has no tags
    milestone$.pipe(tags()),
    // @ts-expect-error a tag has no comments
    tag$.pipe(comments()),
    // @ts-expect-error a page has no statuses
    page$.pipe(statuses()),
    space$.pipe(tags()),
    ticket$.pipe(tags()),
    // A tag's tickets, four ways.
    tag$.pipe(tickets()),
    tag$.pipe(ticket({ number: 201 })),
    tag$.pipe(streamTickets({ status_name: 'New' })),
    iterateTickets(tag$),
    space$.pipe(tag({ name: 'Core' }), tickets()),
    // @ts-expect-error a ticket has no tickets
    ticket$.pipe(tickets()),
    // @ts-expect-error nor does a wiki page
    iterateTickets(page$),
  ];
}

export function filtersAreTyped(): unknown[] {
  return [
    ticket$.pipe(comments({ user_id: 'u1' })),
    // @ts-expect-error a typo is no field
    ticket$.pipe(comments({ author_id: 'u1' })),
    // @ts-expect-error dates are Dates
    ticket$.pipe(comments({ created_on: '2024-01-01' })),
    space$.pipe(statuses({ state: 1 })),
    // @ts-expect-error state is a number
    space$.pipe(statuses({ state: 'open' })),
    space$.pipe(customFields({ type: 'List' })),
    // @ts-expect-error list_options is an array
    space$.pipe(customFields({ list_options: 'A' })),
    space$.pipe(tasks({ billed: false, hours: 1.5 })),
    // @ts-expect-error hours are decoded to a number
    space$.pipe(tasks({ hours: '1.0' })),
    space$.pipe(wikiPages({ parent_id: null })),
    // @ts-expect-error id is a string
    space$.pipe(wikiPages({ id: 1 })),
    ticket$.pipe(associations({ relationship: 2 })),
    // @ts-expect-error no such field
    ticket$.pipe(associations({ kind: 'story' })),
    // @ts-expect-error a singular query needs something to find by
    space$.pipe(tag({})),
    // @ts-expect-error and a filter
    space$.pipe(spaceDocument()),
    // @ts-expect-error page_name is a string
    space$.pipe(wikiPage({ page_name: 1 })),
    // @ts-expect-error a typo is no field
    space$.pipe(tag({ nam: 'Core' })),
  ];
}

export function listNamesAreTyped(): unknown[] {
  return [
    space$.pipe(tickets(undefined, { list: 'my_active' })),
    space$.pipe(tickets({ state: 1 }, { list: 'my_followed' })),
    space$.pipe(streamTickets(undefined, { list: 'no_milestone' })),
    iterateTickets(space$, undefined, { list: 'my_active' }),
    space$.pipe(milestones(undefined, { list: 'upcoming' })),
    space$.pipe(milestones(undefined, { list: 'release_notes' })),
    space$.pipe(tags(undefined, { list: 'hidden' })),
    // @ts-expect-error no such list of tickets
    space$.pipe(tickets(undefined, { list: 'mine' })),
    // @ts-expect-error a milestones list is not a tickets list
    space$.pipe(tickets(undefined, { list: 'upcoming' })),
    // @ts-expect-error nor the other way round
    space$.pipe(milestones(undefined, { list: 'my_active' })),
    // @ts-expect-error tags by state: active, proposed, hidden
    space$.pipe(tags(undefined, { list: 'archived' })),
    // @ts-expect-error statuses have no lists
    space$.pipe(statuses(undefined, { list: 'open' })),
    // @ts-expect-error a space's own lists are not a milestone's
    milestone$.pipe(tickets(undefined, { list: 'my_active' })),
    // @ts-expect-error nor a stream's of a milestone
    milestone$.pipe(streamTickets(undefined, { list: 'no_milestone' })),
    milestone$.pipe(tickets(undefined, { params: { report: 1 } })),
    space$.pipe(milestone('Backlog')),
  ];
}
