// Micro-benchmark: decoding tickets vs JSON.parse of the same bytes.
// Run: npx ts-node --transpile-only spec/bench/decode.ts [count]
//
// Prints the median time of JSON.parse(bytes), of decodeList(Ticket, parsed) and of a plain io-ts
// `t.type` reference codec over the same parsed data, and the ratios decode / parse (target ≤ 2).
import * as t from 'io-ts';
import { codecs, decodeList } from '../../lib/codecs';

const COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = 21;

// --- realistic tickets, shaped like spec/fixtures/recordings/space-tickets/get.json ------------

let seed = 42;
/** Deterministic PRNG (mulberry32), so every run measures the same data. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const id22 = (): string => Array.from({ length: 22 }, () => pick([...ID_CHARS])).join('');
const WORDS = (
  'fix crash login page slow report export import user ticket milestone wiki error timeout button layout' +
  ' mobile api sync cache'
).split(' ');
const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
const pad = (n: number): string => String(n).padStart(2, '0');

function timestamp(): string {
  const ms = Date.UTC(2014, 0, 1) + Math.floor(random() * 3 * 365 * 86_400) * 1000;
  const offset = pick([0, 180, 0, 330, -480]); // minutes: Z, +03:00, +05:30, -08:00
  const d = new Date(ms + offset * 60_000);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const date = `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (offset === 0) return `${date}Z`;
  const a = Math.abs(offset);
  return `${date}${offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

const spaceId = id22();
const users = Array.from({ length: 12 }, id22);
const STATUSES = ['New', 'Accepted', 'Test', 'Fixed', 'Invalid'];

function ticket(i: number): Record<string, unknown> {
  const status = pick(STATUSES);
  const closed = status === 'Fixed' || status === 'Invalid';
  const reporter = pick(users);
  return {
    id: 1000 + i,
    number: i + 1,
    summary: words(3 + Math.floor(random() * 6)),
    description: random() < 0.2 ? null : words(10 + Math.floor(random() * 40)),
    priority: 1 + Math.floor(random() * 5),
    completed_date: closed ? timestamp() : null,
    component_id: null,
    created_on: timestamp(),
    permission_type: 0,
    importance: random() < 0.5 ? -1.0 : Math.round(random() * 1000) / 10,
    is_story: random() < 0.1,
    milestone_id: random() < 0.3 ? null : 20 + Math.floor(random() * 10),
    notification_list: reporter,
    space_id: spaceId,
    state: closed ? 0 : 1,
    status,
    story_importance: 0,
    updated_at: timestamp(),
    working_hours: Math.floor(random() * 16) / 2,
    estimate: 1.0,
    total_estimate: Math.floor(random() * 40) / 2,
    total_invested_hours: Math.floor(random() * 40) / 2,
    total_working_hours: 0.0,
    assigned_to_id: random() < 0.3 ? null : pick(users),
    reporter_id: reporter,
    custom_fields: {
      Build: String(Math.floor(random() * 500)),
      Browser: pick(['Chrome', 'Firefox', 'Safari', '']),
      'Found in': pick(['1.0', '1.1', '2.0', '']),
    },
    hierarchy_type: 0,
  };
}

// --- the reference: a straightforward io-ts codec, as one would write it with io-ts-types ----------

const DateFromISOString = new t.Type<Date, string, unknown>(
  'DateFromISOString',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c);
    const d = new Date(u);
    return Number.isNaN(d.getTime()) ? t.failure(u, c) : t.success(d);
  },
  (d) => d.toISOString(),
);
const nullableOf = <C extends t.Mixed>(c: C) => t.union([c, t.null]);
const ReferenceTicket = t.type({
  id: t.number,
  number: t.number,
  summary: t.string,
  description: nullableOf(t.string),
  priority: t.number,
  completed_date: nullableOf(DateFromISOString),
  component_id: nullableOf(t.number),
  created_on: DateFromISOString,
  permission_type: t.number,
  importance: t.number,
  is_story: t.boolean,
  milestone_id: nullableOf(t.number),
  notification_list: t.string,
  space_id: t.string,
  state: t.number,
  status: t.string,
  story_importance: t.number,
  updated_at: DateFromISOString,
  working_hours: t.number,
  estimate: t.number,
  total_estimate: t.number,
  total_invested_hours: t.number,
  total_working_hours: t.number,
  assigned_to_id: nullableOf(t.string),
  reporter_id: t.string,
  custom_fields: t.record(t.string, t.string),
  hierarchy_type: t.number,
});
const ReferenceList = t.array(ReferenceTicket);

// --- measuring -----------------------------------------------------------------------------------

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(run: () => unknown): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function main(): void {
  const bytes = JSON.stringify(Array.from({ length: COUNT }, (_, i) => ticket(i)));
  const url = 'GET http://bench/v1/spaces/x/tickets';

  // Sanity: both codecs accept the data.
  const check = decodeList(codecs.Ticket, JSON.parse(bytes), url);
  if (check.length !== COUNT || !(check[0].created_on instanceof Date))
    throw new Error('decodeList gave a wrong result');
  if (ReferenceList.decode(JSON.parse(bytes))._tag !== 'Right') throw new Error('reference codec rejected the data');

  const parse: number[] = [];
  const ours: number[] = [];
  const reference: number[] = [];
  for (let run = 0; run < RUNS + 3; run++) {
    let parsed: unknown;
    const p = time(() => (parsed = JSON.parse(bytes)));
    const o = time(() => decodeList(codecs.Ticket, parsed, url));
    const again = JSON.parse(bytes) as unknown;
    const r = time(() => ReferenceList.decode(again));
    if (run >= 3) {
      // the first runs warm up the JIT
      parse.push(p);
      ours.push(o);
      reference.push(r);
    }
  }
  const mp = median(parse);
  const mo = median(ours);
  const mr = median(reference);
  const mb = (bytes.length / 1e6).toFixed(1);
  console.log(`${COUNT} tickets, ${mb} MB of JSON, median of ${RUNS} runs (node ${process.version})`);
  console.log(`  JSON.parse                   ${mp.toFixed(1).padStart(7)} ms`);
  console.log(`  decodeList(codecs.Ticket)    ${mo.toFixed(1).padStart(7)} ms   ratio ${(mo / mp).toFixed(2)}× parse`);
  console.log(`  io-ts t.type reference       ${mr.toFixed(1).padStart(7)} ms   ratio ${(mr / mp).toFixed(2)}× parse`);
}

if (require.main === module) main();
