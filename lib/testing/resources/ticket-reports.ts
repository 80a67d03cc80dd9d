// Ticket lists: Assembla's predefined reports (the https doc table, digest §6.2) and `sort_by` /
// `sort_order`, as cached views of a space's tickets.
import type { Store } from './store';
import type { WireTicket } from './tickets';

/** The fields `sort_by` accepts (digest §6.2). */
export const SORT_FIELDS = [
  'id',
  'number',
  'summary',
  'priority',
  'completed_date',
  'created_on',
  'importance',
  'is_story',
  'milestone_id',
  'updated_at',
  'working_hours',
  'estimate',
  'total_estimate',
  'total_invested_hours',
  'total_working_hours',
] as const;
type SortField = (typeof SORT_FIELDS)[number] | 'assigned_to_id';

interface Report {
  filter: (t: WireTicket, me: string) => boolean;
  sortBy: SortField;
  desc?: boolean;
}

/** Followed by the user: they reported the ticket or are on its notification list. */
export function isFollowedBy(t: WireTicket, me: string): boolean {
  return t.reporter_id === me || t.notification_list.split(',').includes(me);
}

const REPORTS: Record<string, Report> = {
  0: { filter: () => true, sortBy: 'priority' }, // all tickets, by priority
  1: { filter: (t) => t.state === 1, sortBy: 'milestone_id' }, // active, by milestone (the default)
  2: { filter: () => true, sortBy: 'number' }, // all tickets, no order
  3: { filter: (t) => t.state === 1, sortBy: 'assigned_to_id' }, // active, by user
  4: { filter: (t) => t.state === 0, sortBy: 'milestone_id' }, // closed, by milestone
  5: { filter: (t) => t.state === 0, sortBy: 'completed_date', desc: true }, // closed, by date
  6: { filter: (t, me) => t.assigned_to_id === me, sortBy: 'number' }, // all of the caller's tickets
  7: { filter: (t, me) => t.assigned_to_id === me && t.state === 1, sortBy: 'number' }, // caller's active
  8: { filter: (t, me) => t.assigned_to_id === me && t.state === 0, sortBy: 'number' }, // caller's closed
  9: { filter: (t, me) => isFollowedBy(t, me) && t.state === 1, sortBy: 'number' }, // caller's followed, open
};

/** When no `report` is given: like the real default report, closed tickets are hidden. */
export const DEFAULT_REPORT = '1';

/**
 * The tickets that `number=1` or `number[]=1&number[]=2` select, by number; undefined without those
 * parameters. When present they override every other parameter (https doc copy).
 * @example
 * numberSelection(store, spaceId, new URLSearchParams('number[]=3&number[]=1')); // tickets 1 and 3
 */
export function numberSelection(store: Store, spaceId: string, query: URLSearchParams): WireTicket[] | undefined {
  const numbers = [...query.getAll('number'), ...query.getAll('number[]')].map(Number);
  if (numbers.length === 0) return undefined;
  return numbers.sort((a, b) => a - b).flatMap((n) => store.ticketByNumber(spaceId, n) ?? []);
}

/**
 * The tickets `GET /spaces/:space/tickets` lists for a report and sort order (not yet paged);
 * undefined for an unknown report.
 * @example
 * reportView(store, spaceId, meId, new URLSearchParams('report=0&sort_by=updated_at&sort_order=desc'));
 */
export function reportView(
  store: Store,
  spaceId: string,
  me: string,
  query: URLSearchParams,
): WireTicket[] | undefined {
  const reportId = query.get('report') ?? DEFAULT_REPORT;
  const report = REPORTS[reportId];
  if (!report) return undefined;
  const sortBy = query.get('sort_by');
  const field: SortField =
    sortBy && (SORT_FIELDS as readonly string[]).includes(sortBy) ? (sortBy as SortField) : report.sortBy;
  const order = query.get('sort_order');
  const desc = order === 'desc' || (order !== 'asc' && field === report.sortBy && report.desc === true);
  return store.view(spaceId, `report=${reportId}&sort=${field}&desc=${desc}`, (tickets) =>
    sortTickets(
      tickets.filter((t) => report.filter(t, me)),
      field,
      desc,
    ),
  );
}

/**
 * A fixed selection of a space's tickets, by number (for `/tickets/milestone/:id`, `my_active`, ...).
 * @example
 * selectionView(store, spaceId, 'no_milestone', (t) => t.milestone_id === null);
 */
export function selectionView(
  store: Store,
  spaceId: string,
  key: string,
  filter: (t: WireTicket) => boolean,
): WireTicket[] {
  return store.view(spaceId, key, (tickets) => tickets.filter(filter));
}

type Key = number | string | null;

/** Sorts by one field (nulls last when ascending), ties by number ascending; keys are read once. */
function sortTickets(tickets: WireTicket[], field: SortField, desc: boolean): WireTicket[] {
  const keyOf = keyReader(field);
  const keyed = tickets.map((t) => ({ t, k: keyOf(t) }));
  const dir = desc ? -1 : 1;
  keyed.sort((a, b) => dir * compare(a.k, b.k) || a.t.number - b.t.number);
  return keyed.map((e) => e.t);
}

function keyReader(field: SortField): (t: WireTicket) => Key {
  switch (field) {
    case 'completed_date':
    case 'created_on':
    case 'updated_at':
      // Offsets vary (Z, +05:30), so compare instants, not strings.
      return (t) => (t[field] === null ? null : Date.parse(t[field] as string));
    case 'is_story':
      return (t) => (t.is_story ? 1 : 0);
    default:
      return (t) => t[field];
  }
}

function compare(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
