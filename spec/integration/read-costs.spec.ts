// What each read of contract part 2 costs in requests, cold (a new API) and cached (the same query
// again: none), after `space({ name })` (1 request, the list of spaces). The README's table of these
// costs comes from spec/bench/request-counts.ts (2,000 tickets); these are the same reads on 400.
import { Observable, toArray } from 'rxjs';
import {
  API,
  Space,
  Ticket,
  associations,
  attachments,
  comments,
  components,
  customFields,
  documents,
  milestones,
  spaceDocument,
  download,
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
} from '../../lib';
import { generateData } from '../../lib/testing';
import { coldAndWarm } from '../support/costs';
import { useLocalServer } from '../support/local';

const DATA = generateData({ tickets: 400 });
const SPACE = DATA.spaces.find((s) => s.name === 'Big Project')!.id;
const DOCUMENT = DATA.documents[SPACE][0].id;
const TAG = DATA.tags[SPACE].find((t) => t.name === 'Legacy')!.id;

const big = (a: API): Observable<Space> => a.space({ name: 'Big Project' });
const t201 = (a: API): Observable<Ticket> => big(a).pipe(ticket({ number: 201 }));

// One request answers each of these lists whole (unpaged, or paged and shorter than a page).
const EXACT: Array<[string, (a: API) => Observable<unknown>, number]> = [
  ['me()', (a) => a.me(), 1],
  ['ticket({ number }) → comments()', (a) => t201(a).pipe(comments()), 3],
  ['ticket({ number }) → tags()', (a) => t201(a).pipe(tags()), 3],
  ['ticket({ number }) → associations()', (a) => t201(a).pipe(associations()), 3],
  ['ticket({ number }) → attachments()', (a) => t201(a).pipe(attachments()), 3],
  ['tag({ id })', (a) => big(a).pipe(tag({ id: TAG })), 2],
  ['statuses()', (a) => big(a).pipe(statuses()), 2],
  ['customFields()', (a) => big(a).pipe(customFields()), 2],
  ['components()', (a) => big(a).pipe(components()), 2],
  ['documents()', (a) => big(a).pipe(documents()), 2],
  ['spaceDocument({ id })', (a) => big(a).pipe(spaceDocument({ id: DOCUMENT })), 2],
  ['wikiPages()', (a) => big(a).pipe(wikiPages()), 2],
  ["wikiPage({ page_name: 'Home' })", (a) => big(a).pipe(wikiPage({ page_name: 'Home' })), 2],
  [
    "wikiPage({ page_name: 'Home' }) → wikiVersions()",
    (a) => big(a).pipe(wikiPage({ page_name: 'Home' }), wikiVersions()),
    3,
  ],
  ['spaceTools()', (a) => big(a).pipe(spaceTools()), 2],
  ['userRoles()', (a) => big(a).pipe(userRoles()), 2],
  ["tickets(f, { list: 'my_active' })", (a) => big(a).pipe(tickets(undefined, { list: 'my_active' })), 2],
  ["milestones(f, { list: 'upcoming' })", (a) => big(a).pipe(milestones(undefined, { list: 'upcoming' })), 2],
];

// Lists longer than a page: each page of data once, and at most 2 pages past the one that ended the
// list (a list with no known bound keeps at most 3 pages in flight).
const PAST_END = 2;
const PAGED: Array<[string, (a: API) => Observable<unknown>, number]> = [
  ['tags() (30 in pages of 25)', (a) => big(a).pipe(tags()), 1 + 2],
  ["tag({ name: 'Core' })", (a) => big(a).pipe(tag({ name: 'Core' })), 1 + 2],
  ["tag({ name: 'Core' }) → tickets()", (a) => big(a).pipe(tag({ name: 'Core' }), tickets()), 1 + 2 + 1],
  ["tasks() (the caller's 30, in pages of 25)", (a) => big(a).pipe(tasks()), 1 + 2],
];

describe('request costs of the reads of contract part 2', () => {
  const local = useLocalServer({ data: { tickets: 400 } });
  beforeAll(() => expect(local.server.data.documents[SPACE][0].id).toBe(DOCUMENT));
  beforeEach(() => expect.hasAssertions());

  /** Runs `query` twice on one API: the requests each run sent. */
  const costs = (query: (a: API) => Observable<unknown>): Promise<[number, number]> => coldAndWarm(local.api(), query);

  const rows = (table: typeof EXACT) => table.map(([name, query, cold]) => ({ name, query, cold }));

  it.each(rows(EXACT))('$name: $cold requests cold, none cached', async ({ query, cold }) => {
    expect(await costs(query)).toEqual([cold, 0]);
  });

  it.each(rows(PAGED))(
    '$name: $cold requests cold, and at most 2 more past the end; none cached',
    async ({ query, cold: least }) => {
      const [cold, cached] = await costs(query);
      expect(cold).toBeGreaterThanOrEqual(least);
      expect(cold).toBeLessThanOrEqual(least + PAST_END);
      expect(cached).toBe(0);
    },
  );

  it('a download is never cached: each run reads the bytes again', async () => {
    expect(await costs((a) => big(a).pipe(spaceDocument({ id: DOCUMENT }), download()))).toEqual([3, 1]);
  });

  it('a stream of the scoped tickets is never cached: each run reads the list again', async () => {
    const [cold, again] = await costs((a) => big(a).pipe(streamTickets(undefined, { list: 'my_active' }), toArray()));
    expect(cold).toBe(2);
    expect(again).toBe(1);
  });
});
