// Tasks (time entries, digest §17): `GET /tasks` answers the caller's own tasks unless `users[]`
// says otherwise, newest `begin_at` first (recorded: spec/fixtures/recordings/tasks/list.json),
// paged by 25; `hours` is a decimal string ("1.0").
import { pageOf, paging } from '../http/paging';
import { list, unprocessable } from '../http/replies';
import { isoSeconds } from '../http/time';
import { found, type Handler } from './context';
import type { FakeResource, SeedContext } from './resource';

/** A time entry. */
export interface WireTask {
  id: number;
  description: string;
  url: string | null;
  /** A decimal string, e.g. "1.5". */
  hours: string;
  begin_at: string;
  end_at: string;
  billed: boolean;
  space_id: string;
  ticket_number: number | null;
  ticket_id: number | null;
  user_id: string;
  job_agreement_id: number | null;
  created_at: string;
  updated_at: string;
}

const TASKS_PER_PAGE = 25; // digest §3.1
const HOURS = [0.25, 0.5, 1, 1, 1.5, 2, 4];
const WORK = ['Code review', 'Pairing on the sync job', 'Release testing', 'Customer call', 'Bug triage'];
const SORTABLE = new Set(['id', 'begin_at', 'end_at', 'created_at', 'updated_at', 'hours']);

/** Rails' decimal: `1.0`, `0.25`. */
const decimal = (n: number): string => (Number.isInteger(n) ? n.toFixed(1) : String(n));

/** The caller logs 30 tasks in Big Project and 6 in each other space; a colleague logs 10 in each. */
function seed(ctx: SeedContext): void {
  const colleague = ctx.users.find((u) => u.id !== ctx.me.id) ?? ctx.me;
  const plan: Array<[string, number]> = [
    [ctx.me.id, ctx.big ? 30 : 6],
    [colleague.id, 10],
  ];
  for (const [userId, count] of plan) {
    for (let i = 0; i < count; i++) {
      const begin = ctx.end - (count - i) * 3 * 86_400_000 + ctx.random.int(0, 36_000) * 1000;
      const hours = ctx.random.pick(HOURS);
      const ticket = i % 3 === 0 ? ctx.random.pick(ctx.seeded.length ? ctx.seeded : [undefined]) : undefined;
      ctx.data.tasks.push({
        id: ctx.nextId('task'),
        description: ctx.random.pick(WORK),
        url: null,
        hours: decimal(hours),
        begin_at: isoSeconds(begin),
        end_at: isoSeconds(begin + hours * 3_600_000),
        billed: i % 4 === 0,
        space_id: ctx.space.id,
        ticket_number: ticket?.number ?? null,
        ticket_id: ticket?.id ?? null,
        user_id: userId,
        job_agreement_id: null,
        created_at: isoSeconds(begin + hours * 3_600_000),
        updated_at: isoSeconds(begin + hours * 3_600_000),
      });
    }
  }
}

const DATE = /^(?:(\d{2})[./-](\d{2})[./-](\d{4})|(\d{4})[./-](\d{2})[./-](\d{2}))(?: (\d{2}):(\d{2}))?$/;

/** A `from`/`to` of GET /tasks in any of the digest's formats (§3.5), as UTC ms; NaN when malformed. */
function parseDay(text: string, endOfDay: boolean): number {
  const m = DATE.exec(text.trim());
  if (!m) return NaN;
  const [day, month, year] = m[1] ? [m[1], m[2], m[3]] : [m[6], m[5], m[4]];
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(m[7] ?? 0), Number(m[8] ?? 0));
  return endOfDay && m[7] === undefined ? ms + 86_400_000 : ms;
}

const listTasks: Handler = ({ store, query }) => {
  const me = store.data.me.id;
  const users = query.getAll('users[]').map((ref) => store.user(ref)?.id ?? ref);
  const spaces = query.getAll('spaces[]').map((ref) => store.space(ref)?.id ?? ref);
  const tickets = query.getAll('ticket_ids[]').map(Number);
  const from = query.get('from') ? parseDay(query.get('from')!, false) : -Infinity;
  const to = query.get('to') ? parseDay(query.get('to')!, true) : Infinity;
  if (Number.isNaN(from) || Number.isNaN(to)) return unprocessable({ base: ['from and to must be dates'] });
  const who = new Set(users.length ? users : [me]);
  const selected = store.data.tasks.filter((t) => {
    const begin = Date.parse(t.begin_at);
    return (
      who.has(t.user_id) &&
      (spaces.length === 0 || spaces.includes(t.space_id)) &&
      (tickets.length === 0 || (t.ticket_id !== null && tickets.includes(t.ticket_id))) &&
      begin >= from &&
      begin < to
    );
  });
  const by = query.get('sort_by') ?? '';
  const key = SORTABLE.has(by) ? by : 'begin_at';
  // Recorded without parameters: newest first; with sort_by the digest's default order is ascending.
  const direction = (query.get('sort_order') ?? (SORTABLE.has(by) ? 'asc' : 'desc')) === 'desc' ? -1 : 1;
  const value = (t: WireTask): number =>
    key === 'id' ? t.id : key === 'hours' ? Number(t.hours) : Date.parse(t[key as 'begin_at']);
  selected.sort((a, b) => direction * (value(a) - value(b) || a.id - b.id));
  return list(pageOf(selected, paging(query, TASKS_PER_PAGE)));
};

export const tasks: FakeResource = {
  name: 'task',
  routes: [
    ['GET', '/tasks', listTasks],
    ['GET', '/tasks/:id', ({ store, params }) => found(store.data.tasks.find((t) => t.id === Number(params.id)))],
  ],
  seed,
};
