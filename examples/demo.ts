// `npm run demo`: runs every example of the seed README (and the used-by cases) against the local
// server started in-process, or against real Assembla when ASSEMBLA_KEY/ASSEMBLA_SECRET (or
// ASSEMBLA_TOKEN) and ASSEMBLA_SPACE are set. Prints what each shows and what it cost. The writing
// examples write to real Assembla only with ASSEMBLA_ALLOW_WRITES=1.
import { Writable } from 'node:stream';
import { basic } from './basic';
import { caching } from './caching';
import { dashboard } from './dashboard';
import { exportTickets } from './export';
import { fileBug } from './file-bug';
import { milestones } from './milestones';
import { spaces } from './spaces';
import { ticketsExample } from './tickets';
import { users } from './users';
import { ticketDetails } from './ticket-details';
import { recentActivity } from './recent-activity';
import { triage } from './triage';
import { connect } from './support/connect';
import type { Example, ExampleContext } from './support/context';

/** An export that counts bytes instead of flooding the terminal. */
function byteCounter(): Writable & { bytes: number } {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      sink.bytes += chunk.length;
      done();
    },
  }) as Writable & { bytes: number };
  sink.bytes = 0;
  return sink;
}

const streamingExport: Example = async (ctx) => {
  const sink = byteCounter();
  const n = await exportTickets(ctx, sink, 'ndjson');
  ctx.print(
    `exported ${n} tickets as NDJSON (${(sink.bytes / 1024).toFixed(0)} KiB); run examples/export.ts to see them`,
  );
};

const sections: Array<[string, Example]> = [
  ['Basic Example', basic],
  ['Examples for Spaces', spaces],
  ['Examples for Milestones', milestones],
  ['Examples for Users', users],
  ['Examples for Tickets', ticketsExample],
  ['A ticket with its comments, tags, attachments and associations', ticketDetails],
  ["A space's recent activity", recentActivity],
  ['Caching', caching],
  ['Used by: a live dashboard', dashboard],
  ['Used by: a streaming export', streamingExport],
  ['Writes: triage', triage],
  ['Writes: file a bug with a log attached', fileBug],
];

async function main(): Promise<void> {
  const c = await connect();
  console.log(`assembla-rx demo against ${c.target}`);
  console.log(
    c.writes
      ? `the writing examples write${c.local ? ' (to the local server)' : ' to your space (ASSEMBLA_ALLOW_WRITES=1)'}\n`
      : 'the writing examples are skipped: set ASSEMBLA_ALLOW_WRITES=1 to let them write to your space\n',
  );
  let failures = 0;
  try {
    for (const [title, example] of sections) {
      // Each section starts from a new API, so its request count is what it costs cold.
      const assembla = c.connect();
      let requests = 0;
      assembla.requests$.subscribe((e) => e.type === 'start' && requests++);
      const started = Date.now();
      console.log(`== ${title}`);
      const ctx: ExampleContext = {
        assembla,
        spaceName: c.spaceName,
        print: (line) => console.log(`   ${line}`),
        writes: c.writes,
      };
      try {
        await example(ctx);
      } catch (e) {
        // Against real Assembla the seed's names (ticket 201, "John Smith"...) may not exist in
        // your space: say so and go on. Against the local server every example must work.
        failures++;
        console.log(`   ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      }
      console.log(`   (${requests} HTTP requests, ${Date.now() - started} ms)\n`);
    }
    if (failures > 0) {
      console.log(`${failures} of ${sections.length} sections failed.`);
      if (c.local) process.exitCode = 1;
    }
  } finally {
    await c.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
  process.exitCode = 1;
});
