// Requests per query, cold (a new API) and warm (the same query again on that API), against the
// local server with 2,000 tickets: the README's table.
// Run: npx ts-node --transpile-only spec/bench/request-counts.ts
import { Observable, lastValueFrom, toArray } from 'rxjs';
import { API, milestone, milestones, streamTickets, ticket, tickets, user, users } from '../../lib';
import { DEFAULT_CREDENTIALS, startServer } from '../../lib/testing';

const QUERIES: Array<[string, (a: API) => Observable<unknown>]> = [
  ['space({ name }) → ticket({ number: 201 })', (a) => a.space({ name: 'Big Project' }).pipe(ticket({ number: 201 }))],
  ['space({ wiki_name }) → ticket({ number: 201 })', (a) => a.space({ wiki_name: 'big-project' }).pipe(ticket({ number: 201 }))],
  ["tickets({ status_name: 'Test' })", (a) => a.space({ name: 'Big Project' }).pipe(tickets({ status_name: 'Test' }))],
  ["milestone('Release Candidate 1') → tickets()", (a) => a.space({ name: 'Big Project' }).pipe(milestone('Release Candidate 1'), tickets())],
  ["milestone('Release Candidate 1') → users()", (a) => a.space({ name: 'Big Project' }).pipe(milestone('Release Candidate 1'), users())],
  ["user({ name: 'John Smith' }) → tickets()", (a) => a.space({ name: 'Big Project' }).pipe(user({ name: 'John Smith' }), tickets())],
  ['tickets() (all 2,000)', (a) => a.space({ name: 'Big Project' }).pipe(tickets())],
  ['streamTickets() (all 2,000)', (a) => a.space({ name: 'Big Project' }).pipe(streamTickets(), toArray())],
  ['milestones()', (a) => a.space({ name: 'Big Project' }).pipe(milestones())],
];

async function main(): Promise<void> {
  const server = await startServer({ data: { tickets: 2000 } });
  const { key, secret } = DEFAULT_CREDENTIALS;
  console.log('| Query | Requests cold | Requests warm |\n|---|---:|---:|');
  try {
    for (const [name, query] of QUERIES) {
      const api = new API({ auth: { key, secret }, baseUrl: server.url });
      let sent = 0;
      api.requests$.subscribe((e) => e.type === 'start' && sent++);
      await lastValueFrom(query(api));
      const cold = sent;
      sent = 0;
      await lastValueFrom(query(api));
      console.log(`| ${name} | ${cold} | ${sent} |`);
    }
  } finally {
    await server.stop();
  }
}

void main();
