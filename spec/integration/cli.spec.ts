// `assembla-rx export` over real HTTP against the local server: `main` runs in-process with its own
// argv, environment and streams, and once as a spawned program.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codecs } from '../../lib';
import { KEY_AUTH, useLocalServer } from '../support/local';
import { runCli } from '../support/sink';

/** The rows of an RFC 4180 text (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

const ENV = { ASSEMBLA_KEY: KEY_AUTH.key, ASSEMBLA_SECRET: KEY_AUTH.secret };
const TICKETS = 60;

describe('assembla-rx export', () => {
  const local = useLocalServer({ data: { tickets: TICKETS } });
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'assembla-rx-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => expect.hasAssertions());

  const big = () => local.server.data.spaces[0];
  const truth = () => local.server.data.tickets[big().id];

  const run = (argv: string[], env: Record<string, string> = ENV) => runCli(argv, env);

  it('writes every ticket as one NDJSON line, in order, as the server has them, and a summary', async () => {
    const { code, out, err } = await run(['export', '--space', 'Big Project', '--base-url', local.server.url]);
    expect(code).toBe(0);
    const records = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r.number, r.summary])).toEqual(truth().map((t) => [t.number, t.summary]));
    expect(records[0].created_on).toBe(new Date(truth()[0].created_on).toISOString());
    expect(err).toMatch(new RegExp(`^Exported ${TICKETS} tickets: \\d+ requests, 0 retries, [\\d.]+ s\\n$`));
  });

  it('finds the space by id and by wiki_name too', async () => {
    const other = local.server.data.spaces[1];
    const count = (out: string) => out.trimEnd().split('\n').length;
    const byId = await run(['export', '--space', other.id, '--base-url', local.server.url]);
    const byWiki = await run(['export', '--space', other.wiki_name, '--base-url', local.server.url]);
    expect(count(byId.out)).toBe(local.server.data.tickets[other.id].length);
    expect(byWiki.out).toBe(byId.out);
  });

  it('embeds each ticket’s comments, as the server has them', async () => {
    const { code, out } = await run([
      'export',
      '--space',
      'big-project',
      '--include',
      'comments,tags',
      '--base-url',
      local.server.url,
    ]);
    expect(code).toBe(0);
    const records = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; number: number; comments: { id: number }[]; tags: unknown[] });
    expect(records.map((r) => r.number)).toEqual(truth().map((t) => t.number));
    const serverComments = local.server.data.comments[big().id];
    for (const r of records) {
      const expected = serverComments.filter((c) => c.ticket_id === r.id).map((c) => c.id);
      expect(r.comments.map((c) => c.id).sort()).toEqual(expected.sort());
      expect(Array.isArray(r.tags)).toBe(true);
    }
    expect(records.some((r) => r.comments.length > 0)).toBe(true);
  });

  it('writes CSV: a header of the ticket fields, then each ticket, quoted where needed (RFC 4180)', async () => {
    const first = truth()[0];
    const summary = first.summary;
    first.summary = 'Commas, "quotes"\nand a line break';
    try {
      const { code, out } = await run([
        'export',
        '--space',
        'Big Project',
        '--format',
        'csv',
        '--base-url',
        local.server.url,
      ]);
      expect(code).toBe(0);
      const [header, ...rows] = parseCsv(out);
      expect(header).toEqual(Object.keys(codecs.Ticket.fields));
      const column = (name: string) => rows.map((r) => r[header.indexOf(name)]);
      expect(column('number')).toEqual(truth().map((t) => String(t.number)));
      expect(column('summary')).toEqual(truth().map((t) => t.summary));
      expect(out).toContain('"Commas, ""quotes""\nand a line break"');
    } finally {
      first.summary = summary;
    }
  });

  it('writes CSV to --out, and each included kind beside it keyed by ticket number', async () => {
    const out = join(dir, 'tickets.csv');
    const { code } = await run([
      'export',
      '--space',
      'Big Project',
      '--format',
      'csv',
      '--include',
      'comments',
      '--out',
      out,
      '--base-url',
      local.server.url,
    ]);
    expect(code).toBe(0);
    expect(parseCsv(readFileSync(out, 'utf8'))).toHaveLength(TICKETS + 1);
    const [header, ...rows] = parseCsv(readFileSync(`${out}.comments.csv`, 'utf8'));
    expect(header).toEqual(['ticket_number', ...Object.keys(codecs.TicketComment.fields)]);
    const numberOf = new Map(truth().map((t) => [t.id, String(t.number)]));
    const expected = local.server.data.comments[big().id].map((c) => [numberOf.get(c.ticket_id), String(c.id)]);
    const got = rows.map((r) => [r[0], r[header.indexOf('id')]]);
    const byNumberThenId = (a: (string | undefined)[], b: (string | undefined)[]) =>
      Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]);
    expect([...got].sort(byNumberThenId)).toEqual([...expected].sort(byNumberThenId));
    // In ticket order.
    expect(got.map((r) => Number(r[0]))).toEqual([...got.map((r) => Number(r[0]))].sort((a, b) => a - b));
  });

  it.each([
    [['export', '--space', 'Big Project', '--format', 'xml'], 2, /^assembla-rx: --format takes ndjson or csv, got xml/],
    [['export', '--space', 'Big Project', '--verbose'], 2, /^assembla-rx: Unknown option --verbose/],
    [['export'], 2, /^assembla-rx: --space is required/],
    [['export', '--space'], 2, /^assembla-rx: --space needs a value/],
    [
      ['export', '--space', 'x', '--include', 'votes'],
      2,
      /^assembla-rx: --include takes comments,tags,attachments,associations; got votes/,
    ],
    [
      ['export', '--space', 'x', '--format', 'csv', '--include', 'tags'],
      2,
      /^assembla-rx: --include with --format csv needs --out/,
    ],
    [['import'], 2, /^assembla-rx: Unknown command import/],
  ])('refuses %j with exit %d and one line', async (argv, exit, message) => {
    const { code, out, err } = await run(argv);
    expect([code, out]).toEqual([exit, '']);
    expect(err).toMatch(message);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses to run without credentials in the environment, and never takes them from flags', async () => {
    const none = await run(['export', '--space', 'Big Project', '--base-url', local.server.url], {});
    expect(none.code).toBe(1);
    expect(none.err).toBe('assembla-rx: No credentials: set ASSEMBLA_KEY and ASSEMBLA_SECRET, or ASSEMBLA_TOKEN\n');
    const flag = await run(['export', '--space', 'Big Project', '--key', KEY_AUTH.key], {});
    expect(flag.code).toBe(2);
    expect(flag.err).not.toContain(KEY_AUTH.key);
  });

  it('says so in one line when the space does not exist or the credentials are wrong', async () => {
    const unknown = await run(['export', '--space', 'Nowhere', '--base-url', local.server.url]);
    expect([unknown.code, unknown.err]).toEqual([
      1,
      'assembla-rx: No space named "Nowhere" (by name, id or wiki_name)\n',
    ]);
    const wrong = await run(['export', '--space', 'Big Project', '--base-url', local.server.url], {
      ASSEMBLA_TOKEN: 'wrong',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^assembla-rx: .+\n$/);
    expect(wrong.err).not.toMatch(/\n\s+at /);
  });

  it('prints its help, and the export command’s', async () => {
    const top = await run(['--help'], {});
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/^Usage: assembla-rx <command>/);
    expect(top.out).toContain('export');
    const help = await run(['export', '--help'], {});
    expect(help.code).toBe(0);
    for (const flag of ['--space', '--format', '--include', '--out', '--base-url', 'ASSEMBLA_TOKEN'])
      expect(help.out).toContain(flag);
  });

  it('runs as a program: NDJSON on stdout, the summary on stderr, exit 0', async () => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        join(__dirname, '../../lib/cli/main.ts'),
        'export',
        '--space',
        'Big Project',
        '--base-url',
        local.server.url,
      ],
      {
        env: { ...process.env, ...ENV },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect([code, err]).toEqual([0, expect.stringMatching(/^Exported 60 tickets/)]);
    expect(out.trimEnd().split('\n')).toHaveLength(TICKETS);
  }, 30_000);
});
