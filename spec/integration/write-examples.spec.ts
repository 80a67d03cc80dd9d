// The writing examples of `npm run demo` (examples/triage.ts, examples/file-bug.ts) over real HTTP:
// what they print, and the server's state afterwards.
import { TRIAGE_LIMIT, triage } from '../../examples/triage';
import { fileBug } from '../../examples/file-bug';
import type { Example } from '../../examples/support/context';
import type { RunningServer } from '../../lib/testing';
import { KEY_AUTH, useLocalServer, withServer } from '../support/local';
import { API } from '../../lib';

async function run(example: Example, server: RunningServer, writes = true): Promise<string[]> {
  const lines: string[] = [];
  const assembla = new API({ auth: KEY_AUTH, baseUrl: server.url });
  await example({ assembla, spaceName: 'Big Project', print: (l) => lines.push(l), writes });
  return lines;
}

describe('the writing examples', () => {
  const local = useLocalServer({ data: { tickets: 300 } }, 'test');
  beforeEach(() => expect.hasAssertions());

  const big = (server: RunningServer) => server.data.spaces.find((s) => s.name === 'Big Project')!.id;
  const untriaged = (server: RunningServer) =>
    server.data.tickets[big(server)].filter((t) => t.status === 'New' && t.assigned_to_id === null);

  it('triage: the first untriaged tickets are assigned to the caller, accepted and commented on', async () => {
    const { server } = local;
    const before = untriaged(server);
    expect(before.length).toBeGreaterThan(TRIAGE_LIMIT);
    const lines = await run(triage, server);
    const me = server.data.me;
    const chosen = before.slice(0, TRIAGE_LIMIT).map((t) => t.number);
    expect(lines).toEqual([
      `${before.length} tickets in New assigned to nobody; triaging ${TRIAGE_LIMIT}`,
      ...chosen.map((n) =>
        expect.stringMatching(new RegExp(`^#${n} .+: assigned to ${me.login}, now Accepted, commented$`)),
      ),
    ]);
    const tickets = server.data.tickets[big(server)];
    for (const n of chosen) {
      const t = tickets.find((x) => x.number === n)!;
      expect(t).toMatchObject({ status: 'Accepted', assigned_to_id: me.id, state: 1 });
      const mine = server.data.comments[big(server)].filter((c) => c.ticket_id === t.id && c.user_id === me.id);
      expect(mine.map((c) => c.comment)).toContain(`Triaged: assigned to ${me.name}, moved to Accepted.`);
    }
    expect(untriaged(server)).toHaveLength(before.length - TRIAGE_LIMIT);
    expect(server.stats.writes.applied).toEqual({ PUT: TRIAGE_LIMIT, POST: TRIAGE_LIMIT });
  });

  it('file a bug: the ticket is filed once, its log attached byte for byte, and commented on', async () => {
    const { server } = local;
    const lines = await run(fileBug, server);
    const filed = server.data.tickets[big(server)].filter((t) => t.summary === 'Crash on save when the disk is full');
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({ priority: 2, status: 'New', reporter_id: server.data.me.id });
    expect(lines[0]).toBe(`filed #${filed[0].number} "Crash on save when the disk is full" [New, priority 2]`);
    const comments = server.data.comments[big(server)].filter((c) => c.ticket_id === filed[0].id);
    expect(comments.map((c) => c.comment)).toContain(
      'Log: save.log, ending with "ERROR save failed: ENOSPC, no space left on device"',
    );
    const logs = server.data.documents[big(server)].filter((d) => d.attachable_id === filed[0].id);
    const log = 'INFO  saving report.pdf (2.4 MB)\nERROR save failed: ENOSPC, no space left on device\n';
    expect(logs.map((d) => [d.name, d.filesize])).toEqual([['save.log', Buffer.byteLength(log)]]);
    expect(lines[1]).toBe(`attached save.log (${Buffer.byteLength(log)} bytes)`);
    expect(lines[2]).toMatch(new RegExp(`^commented on #${filed[0].number}: Log: save.log`));
    expect(server.stats.writes.applied).toEqual({ POST: 3 });
  });

  it('file a bug: when the answer to the POST is lost, the bug is found by lookup() and not filed again', async () => {
    const faults = { dropAfterApplyRate: 1, reject429Rate: 0, paths: /^\/spaces\/[^/]+\/tickets$/ };
    await withServer({ data: { tickets: 300 }, faults }, async (server) => {
      const lines = await run(fileBug, server);
      expect(server.stats.faults['drop-after-apply']).toBe(1);
      const filed = server.data.tickets[big(server)].filter((t) => t.summary === 'Crash on save when the disk is full');
      expect(filed).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^filed #${filed[0].number} `));
      expect(server.stats.writes.received.POST).toBe(3); // the ticket, the log and the comment, once each
    });
  });

  it.each([
    ['triage', triage],
    ['file a bug', fileBug],
  ])('%s writes nothing when writes are not allowed, and says so', async (_, example) => {
    const lines = await run(example, local.server, false);
    expect(lines).toEqual(['skipped: it writes, and writes to real Assembla run only with ASSEMBLA_ALLOW_WRITES=1']);
    expect(local.server.stats.writes.received).toEqual({});
  });
});
