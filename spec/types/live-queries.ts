// Type tests of live queries and maxAge: `{ live }` and `{ maxAge }` on every read query (lists
// and singulars), not on streams; `maxAge` an API option. Each `@ts-expect-error` line must fail to
// compile, every other line must compile. Checked by `npm run typecheck`; never run.
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
  liveQueries,
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
  user,
  userRoles,
  users,
  wikiPage,
  wikiPages,
  wikiVersions,
  type LiveOptions,
  type Milestone,
  type Space,
  type Ticket,
  type WikiPage,
} from '../../lib';

declare const space$: Observable<Space>;
declare const ticket$: Observable<Ticket>;
declare const milestone$: Observable<Milestone>;
declare const page$: Observable<WikiPage>;

const live: LiveOptions = { live: { every: 60_000 }, maxAge: 300_000 };

// Lists and singulars take { live } (true or { every }) and { maxAge }; the types of what they emit stay.
export const list: Observable<Ticket[]> = space$.pipe(tickets({ status_name: 'Test' }, { live: { every: 30_000 } }));
export const one: Observable<Ticket> = space$.pipe(ticket({ number: 201 }, { live: true }));
export const ofMilestone: Observable<Ticket[]> = milestone$.pipe(tickets(undefined, { live: true, maxAge: 1000 }));
export const named = space$.pipe(tickets(undefined, { list: 'my_active', live: true }));
export const withParams = space$.pipe(tickets(undefined, { params: { report: 1 }, live: true }));
export const all = [
  space$.pipe(milestones(undefined, live)),
  space$.pipe(milestone('Beta', live)),
  space$.pipe(users(undefined, live)),
  space$.pipe(user({ login: 'ann' }, live)),
  ticket$.pipe(comments(undefined, live)),
  space$.pipe(tags(undefined, live)),
  space$.pipe(tag({ name: 'Core' }, live)),
  space$.pipe(statuses(undefined, live)),
  space$.pipe(customFields(undefined, live)),
  space$.pipe(components(undefined, live)),
  ticket$.pipe(associations(undefined, live)),
  ticket$.pipe(attachments(undefined, live)),
  space$.pipe(documents(undefined, live)),
  space$.pipe(spaceDocument({ name: 'spec.pdf' }, live)),
  space$.pipe(wikiPages(undefined, live)),
  space$.pipe(wikiPage({ page_name: 'Home' }, live)),
  page$.pipe(wikiVersions(undefined, live)),
  space$.pipe(spaceTools(undefined, live)),
  space$.pipe(userRoles(undefined, live)),
  space$.pipe(tasks(undefined, live)),
];

// @ts-expect-error `every` is a number of milliseconds
space$.pipe(tickets(undefined, { live: { every: '30s' } }));
// @ts-expect-error `live` is true or { every }
space$.pipe(tickets(undefined, { live: 30_000 }));
// @ts-expect-error `maxAge` is a number of milliseconds
space$.pipe(ticket({ number: 1 }, { maxAge: '1m' }));
// @ts-expect-error a singular takes no Assembla parameters
space$.pipe(ticket({ number: 1 }, { params: { report: 1 } }));
// @ts-expect-error a stream is not a live query
space$.pipe(streamTickets(undefined, { live: true }));
// @ts-expect-error nor is an iteration
iterateTickets(space$, undefined, { live: true });

// maxAge is an API option too; liveQueries() takes nothing and gives nothing.
export const api = new API({ auth: { token: 't' }, maxAge: 60_000 });
// @ts-expect-error maxAge is a number of milliseconds
new API({ auth: { token: 't' }, maxAge: '1m' });
export const turnedOn: void = liveQueries();
