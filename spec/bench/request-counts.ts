// Requests per query, cold (a new API) and warm (the same query again on that API), against the
// local server with 2,000 tickets, then with every 7th of them deleted beforehand (gaps in the
// numbers, checked at page boundaries): the README's table.
// Run: npx ts-node --transpile-only spec/bench/request-counts.ts
import { Observable, lastValueFrom, toArray } from 'rxjs';
import { API, milestone, milestones, streamTickets, ticket, tickets, user, users } from '../../lib';
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
    const api = new API({ auth: { key, secret }, baseUrl: server.url });
    let sent = 0;
    api.requests$.subscribe((e) => e.type === 'start' && sent++);
    await lastValueFrom(query(api));
    const cold = sent;
    sent = 0;
    await lastValueFrom(query(api));
    console.log(`| ${name} | ${cold} | ${sent} |`);
  }
}

async function main(): Promise<void> {
  console.log('| Query | Requests cold | Requests warm |\n|---|---:|---:|');
  for (const [data, queries] of [
    [{ tickets: 2000 }, QUERIES],
    [everySeventhDeleted(), WITH_DELETED],
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
