// Requests per query, cold (a new API) and warm (the same query again on that API), against the
// local server with 2,000 tickets, then with every 7th of them deleted beforehand (gaps in the
// numbers, checked at page boundaries), then the reads of contract part 2 on the 2,000: the README's
// tables.
// Run: npx ts-node --transpile-only spec/bench/request-counts.ts
import { coldAndWarm } from '../support/costs';
import { Observable, toArray } from 'rxjs';
import {
  API,
  associations,
  attachments,
  comments,
  components,
  customFields,
  documents,
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
} from '../../lib';
import type { Space, Ticket } from '../../lib';
import { DEFAULT_CREDENTIALS, RunningServer, generateData, startServer } from '../../lib/testing';

const QUERIES: Array<[string, (a: API) => Observable<unknown>]> = [
  ['space({ name }) → ticket({ number: 201 })', (a) => a.space({ name: 'Big Project' }).pipe(ticket({ number: 201 }))],
  [
    'space({ wiki_name }) → ticket({ number: 201 })',
    (a) => a.space({ wiki_name: 'big-project' }).pipe(ticket({ number: 201 })),
  ],
  ["tickets({ status_name: 'Test' })", (a) => a.space({ name: 'Big Project' }).pipe(tickets({ status_name: 'Test' }))],
  [
    "milestone('Release Candidate 1') → tickets()",
    (a) => a.space({ name: 'Big Project' }).pipe(milestone('Release Candidate 1'), tickets()),
  ],
  [
    "milestone('Release Candidate 1') → users()",
    (a) => a.space({ name: 'Big Project' }).pipe(milestone('Release Candidate 1'), users()),
  ],
  [
    "user({ name: 'John Smith' }) → tickets()",
    (a) => a.space({ name: 'Big Project' }).pipe(user({ name: 'John Smith' }), tickets()),
  ],
  ['tickets() (all 2,000)', (a) => a.space({ name: 'Big Project' }).pipe(tickets())],
  ['streamTickets() (all 2,000)', (a) => a.space({ name: 'Big Project' }).pipe(streamTickets(), toArray())],
  ['milestones()', (a) => a.space({ name: 'Big Project' }).pipe(milestones())],
];

// The seeded data is deterministic: the document a `spaceDocument({ id })` asks for is known up front.
const SEEDED = generateData({ tickets: 2000 });
const BIG = SEEDED.spaces.find((s) => s.name === 'Big Project')!.id;
const DOCUMENT = SEEDED.documents[BIG][0].id;
const TAG = SEEDED.tags[BIG][0].id;
const big = (a: API): Observable<Space> => a.space({ name: 'Big Project' });
const t201 = (a: API): Observable<Ticket> => big(a).pipe(ticket({ number: 201 }));

/** The reads of contract part 2, each after `space({ name })` (1 request cold, like the rows above). */
const PART_2: Array<[string, (a: API) => Observable<unknown>]> = [
  ['me()', (a) => a.me()],
  ['ticket({ number: 201 }) → comments()', (a) => t201(a).pipe(comments())],
  ['ticket({ number: 201 }) → tags()', (a) => t201(a).pipe(tags())],
  ['ticket({ number: 201 }) → associations()', (a) => t201(a).pipe(associations())],
  ['ticket({ number: 201 }) → attachments()', (a) => t201(a).pipe(attachments())],
  ['tags() (30, pages of 25)', (a) => big(a).pipe(tags())],
  ["tags(undefined, { list: 'active' })", (a) => big(a).pipe(tags(undefined, { list: 'active' }))],
  ['tag({ id })', (a) => big(a).pipe(tag({ id: TAG }))],
  ["tag({ name: 'Core' })", (a) => big(a).pipe(tag({ name: 'Core' }))],
  ["tag({ name: 'Core' }) → tickets()", (a) => big(a).pipe(tag({ name: 'Core' }), tickets())],
  ['statuses()', (a) => big(a).pipe(statuses())],
  ['customFields()', (a) => big(a).pipe(customFields())],
  ['components()', (a) => big(a).pipe(components())],
  ['documents()', (a) => big(a).pipe(documents())],
  ['spaceDocument({ id })', (a) => big(a).pipe(spaceDocument({ id: DOCUMENT }))],
  ['wikiPages()', (a) => big(a).pipe(wikiPages())],
  ["wikiPage({ page_name: 'Home' })", (a) => big(a).pipe(wikiPage({ page_name: 'Home' }))],
  [
    "wikiPage({ page_name: 'Home' }) → wikiVersions()",
    (a) => big(a).pipe(wikiPage({ page_name: 'Home' }), wikiVersions()),
  ],
  ['spaceTools()', (a) => big(a).pipe(spaceTools())],
  ['userRoles()', (a) => big(a).pipe(userRoles())],
  ["tasks() (the caller's 30)", (a) => big(a).pipe(tasks())],
  ["tickets(undefined, { list: 'my_active' })", (a) => big(a).pipe(tickets(undefined, { list: 'my_active' }))],
  ["tickets(undefined, { list: 'my_followed' })", (a) => big(a).pipe(tickets(undefined, { list: 'my_followed' }))],
  ["tickets(undefined, { list: 'no_milestone' })", (a) => big(a).pipe(tickets(undefined, { list: 'no_milestone' }))],
  ["milestones(undefined, { list: 'upcoming' })", (a) => big(a).pipe(milestones(undefined, { list: 'upcoming' }))],
];

const WITH_DELETED: Array<[string, (a: API) => Observable<unknown>]> = [
  ['tickets() (1,715: every 7th of 2,000 deleted)', (a) => a.space({ name: 'Big Project' }).pipe(tickets())],
  [
    'streamTickets() (1,715: every 7th of 2,000 deleted)',
    (a) => a.space({ name: 'Big Project' }).pipe(streamTickets(), toArray()),
  ],
];

/** 2,000 tickets of which every 7th (by number) was deleted. */
function everySeventhDeleted() {
  const data = generateData({ tickets: 2000 });
  const space = data.spaces.find((s) => s.name === 'Big Project')!.id;
  data.tickets[space] = data.tickets[space].filter((t) => t.number % 7 !== 0);
  return data;
}

async function measure(
  server: RunningServer,
  queries: Array<[string, (a: API) => Observable<unknown>]>,
): Promise<void> {
  const { key, secret } = DEFAULT_CREDENTIALS;
  for (const [name, query] of queries) {
    const [cold, warm] = await coldAndWarm(new API({ auth: { key, secret }, baseUrl: server.url }), query);
    console.log(`| ${name} | ${cold} | ${warm} |`);
  }
}

async function main(): Promise<void> {
  console.log('| Query | Requests cold | Requests warm |\n|---|---:|---:|');
  for (const [data, queries] of [
    [{ tickets: 2000 }, QUERIES],
    [everySeventhDeleted(), WITH_DELETED],
    [SEEDED, PART_2],
  ] as const) {
    const server = await startServer({ data });
    try {
      await measure(server, queries);
    } finally {
      await server.stop();
    }
  }
}

void main();
