// The local server's data: wire-shaped plain objects, generated deterministically from a seed.
// Field order, JSON types and oddities follow the recorded Assembla responses
// (spec/fixtures/recordings/): e.g. ticket `status` is the status name and there is no `status_name`.
import { bag, createRandom, type Random } from './random';
import type { WireAssociation } from './resources/associations';
import type { WireComment } from './resources/comments';
import type { WireComponent } from './resources/components';
import type { WireCustomField } from './resources/custom-fields';
import type { WireDocument } from './resources/documents';
import { RESOURCES } from './resources/index';
import type { SeedContext } from './resources/resource';
import type { WireSpaceTool } from './resources/space-tools';
import type { WireTag, WireTicketTag } from './resources/tags';
import type { WireTask } from './resources/tasks';
import type { WireUserRole } from './resources/user-roles';
import type { WireWikiPage, WireWikiVersion } from './resources/wiki';
import { isoDate, isoSeconds } from './time';

export type {
  WireAssociation,
  WireComment,
  WireComponent,
  WireCustomField,
  WireDocument,
  WireSpaceTool,
  WireTag,
  WireTicketTag,
  WireTask,
  WireUserRole,
  WireWikiPage,
  WireWikiVersion,
};

/** A space as `GET /spaces/:space` answers it. */
export interface WireSpace {
  id: string;
  name: string;
  description: string | null;
  wiki_name: string;
  public_permissions: number;
  team_permissions: number;
  watcher_permissions: number;
  share_permissions: boolean;
  team_tab_role: number;
  created_at: string;
  updated_at: string;
  default_showpage: string;
  tabs_order: string | null;
  parent_id: string | null;
  restricted: boolean;
  restricted_date: string | null;
  commercial_from: string | null;
  banner: string | null;
  banner_height: number | null;
  banner_text: string | null;
  banner_link: string | null;
  style: string | null;
  status: number;
  approved: boolean;
  is_manager: boolean;
  is_volunteer: boolean;
  is_commercial: boolean;
  can_join: boolean;
  can_apply: boolean;
  last_payer_changed_at: string | null;
}

/** A milestone as listed (`due_date` and `completed_date` are plain `YYYY-MM-DD` dates). */
export interface WireMilestone {
  id: number;
  due_date: string | null;
  title: string;
  user_id: string | null;
  created_at: string;
  created_by: string;
  space_id: string;
  description: string | null;
  is_completed: boolean;
  completed_date: string | null;
  updated_at: string;
  updated_by: string;
  release_level: number | null;
  release_notes: string | null;
  planner_type: number;
  pretty_release_level: string;
}

/** An instant-messenger account of a user; both parts null when unset. */
export interface WireIm {
  type: string | null;
  id: string | null;
}

/** A user with the full profile (`GET /users/:id_or_login`, `GET /spaces/:space/users`). */
export interface WireUser {
  id: string;
  login: string;
  name: string;
  picture: string;
  email: string;
  organization: string | null;
  phone: string | null;
  im: WireIm;
  im2: WireIm;
}

/** A ticket. `status` is the status name, `state` 1 open / 0 closed. */
export interface WireTicket {
  id: number;
  number: number;
  summary: string;
  description: string | null;
  priority: number;
  completed_date: string | null;
  component_id: number | null;
  created_on: string;
  permission_type: number;
  importance: number;
  is_story: boolean;
  milestone_id: number | null;
  notification_list: string;
  space_id: string;
  state: number;
  status: string;
  story_importance: number;
  updated_at: string;
  working_hours: number;
  estimate: number;
  total_estimate: number;
  total_invested_hours: number;
  total_working_hours: number;
  assigned_to_id: string | null;
  reporter_id: string;
  custom_fields: Record<string, string>;
  hierarchy_type: number;
}

/** A ticket status of a space (`GET /spaces/:space/tickets/statuses`). */
export interface WireStatus {
  id: number;
  space_tool_id: string;
  name: string;
  state: number;
  list_order: number;
  created_at: string;
  updated_at: string;
}

/** Everything the local server serves. Lists keyed by space id; tickets by number ascending. */
export interface Dataset {
  spaces: WireSpace[];
  milestones: Record<string, WireMilestone[]>;
  users: Record<string, WireUser[]>;
  tickets: Record<string, WireTicket[]>;
  statuses: Record<string, WireStatus[]>;
  /** The caller (`GET /user`): John Smith. */
  me: WireUser;
  /** Comments of the space's tickets (each names its ticket's id). */
  comments: Record<string, WireComment[]>;
  tags: Record<string, WireTag[]>;
  /** Which ticket carries which tag. */
  ticketTags: Record<string, WireTicketTag[]>;
  customFields: Record<string, WireCustomField[]>;
  components: Record<string, WireComponent[]>;
  /** Each association once, whichever ticket it is read from. */
  associations: Record<string, WireAssociation[]>;
  /** Files and attachments of the space. */
  documents: Record<string, WireDocument[]>;
  /** A document's bytes by document id, base64. */
  files: Record<string, string>;
  wikiPages: Record<string, WireWikiPage[]>;
  wikiVersions: Record<string, WireWikiVersion[]>;
  spaceTools: Record<string, WireSpaceTool[]>;
  userRoles: Record<string, WireUserRole[]>;
  /** Every user's time entries in every space. */
  tasks: WireTask[];
}

/** The names of a Dataset's per-space collections (lists keyed by space id), e.g. 'tags'. */
export type SpaceCollection = {
  [K in keyof Dataset]: Dataset[K] extends Record<string, unknown[]> ? K : never;
}[keyof Dataset];

/**
 * What `generateData` generates; every field is optional.
 *
 * @example
 * generateData({ seed: 2, tickets: 10_000 });
 */
export interface DataOptions {
  /** Default 1. */
  seed?: number;
  /** Tickets in "Big Project"; default 2000. */
  tickets?: number;
  /** Spaces besides Big Project; default 2. */
  otherSpaces?: number;
  /** Tickets in each other space; default 25. */
  ticketsPerOtherSpace?: number;
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(2023, 0, 2, 8, 0, 0); // data spans 2023-2024, fixed so that the output is deterministic

/**
 * A moment just after everything the seed data did (2024-08-13T08:00:00Z): a server whose clock
 * (`now`) reads it has seeded events in its 60-day activity window.
 * @example
 * const server = await startServer({ now: () => SEED_NOW });
 */
export const SEED_NOW = EPOCH + 589 * DAY;
const SPACE_OFFSET = 180; // spaces are listed at +03:00, like the recordings
const IST = 330; // some tickets come back at +05:30

const OTHER_SPACE_NAMES = [
  'Website Redesign',
  'Mobile App',
  'Data Platform',
  'Customer Portal',
  'Internal Tools',
  'Billing Service',
];

const PEOPLE: ReadonlyArray<readonly [login: string, name: string]> = [
  ['jsmith', 'John Smith'],
  ['mgarcia', 'Maria Garcia'],
  ['achen', 'Alice Chen'],
  ['bwilson', 'Bob Wilson'],
  ['pkumar', 'Priya Kumar'],
  ['tnguyen', 'Tuan Nguyen'],
  ['ekowalski', 'Ewa Kowalski'],
  ['dbrown', 'David Brown'],
  ['sjohansson', 'Sofia Johansson'],
  ['omartin', 'Olivier Martin'],
  ['ltanaka', 'Luca Tanaka'],
  ['rpatel', 'Raj Patel'],
];
const BIG_PROJECT_USERS = 8;

const OPEN_STATUSES = ['New', 'Accepted', 'Test'];
const CLOSED_STATUSES = ['Fixed', 'Invalid'];
const BIG_STATUSES = bag({ New: 25, Accepted: 20, Test: 10, 'Code Review': 10, Fixed: 25, Invalid: 10 });
const OTHER_STATUSES = bag({ New: 30, Accepted: 25, Test: 10, Fixed: 25, Invalid: 10 });
const PRIORITIES = bag({ 1: 5, 2: 15, 3: 55, 4: 15, 5: 10 }).map(Number);

const VERBS = [
  'Fix',
  'Add',
  'Improve',
  'Refactor',
  'Remove',
  'Document',
  'Test',
  'Speed up',
  'Redesign',
  'Investigate',
];
const THINGS = [
  'login form',
  'ticket list',
  'search',
  'export to CSV',
  'email notifications',
  'user avatars',
  'billing page',
  'API rate limits',
  'dashboard',
  'milestone report',
  'file uploads',
  'password reset',
  'dark mode',
  'sync job',
  'audit log',
];
const TAILS = [
  '',
  '',
  '',
  ' on Safari',
  ' for admins',
  ' after upgrade',
  ' in production',
  ' (regression)',
  ' on mobile',
  ' with large spaces',
];
const ESTIMATES = [1.0, 1.0, 1.0, 0.5, 2.0, 4.0, 8.0]; // 1.0 is Assembla's default
const WORKING_HOURS = [0.0, 0.0, 1.5, 3.0];
const INVESTED_HOURS = [0.0, 0.5, 1.0];
const BUILDS = ['1.0.3', '1.1.0', '1.2.0-rc1', '1.2.0', '2.0.0-beta'];
const CUSTOMERS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella'];
const TABS_ORDER = '--- \n- stream\n- wiki\n- messages\n- files\n- team\n- admin\n';

interface MilestoneSpec {
  title: string;
  completed: boolean;
  dueDay: number | null; // days after EPOCH
  releaseLevel: number | null;
  plannerType: number;
  notes: string | null;
}

const BIG_PROJECT_MILESTONES: MilestoneSpec[] = [
  { title: 'Release 0.9', completed: true, dueDay: 240, releaseLevel: 2, plannerType: 0, notes: 'First public beta.' },
  { title: 'Sprint 14', completed: true, dueDay: 380, releaseLevel: null, plannerType: 0, notes: null },
  { title: 'Release Candidate 1', completed: false, dueDay: 560, releaseLevel: 3, plannerType: 2, notes: null },
  {
    title: 'Release 1.0',
    completed: false,
    dueDay: 620,
    releaseLevel: 3,
    plannerType: 0,
    notes: 'General availability.',
  },
  { title: 'Backlog', completed: false, dueDay: null, releaseLevel: null, plannerType: 1, notes: null },
];

const OTHER_MILESTONES: MilestoneSpec[] = [
  { title: 'Phase 1', completed: true, dueDay: 300, releaseLevel: null, plannerType: 0, notes: null },
  { title: 'Phase 2', completed: false, dueDay: 600, releaseLevel: 1, plannerType: 2, notes: null },
  { title: 'Backlog', completed: false, dueDay: null, releaseLevel: null, plannerType: 1, notes: null },
];

/**
 * Builds a dataset: "Big Project" (wiki_name `big-project`) first, then `otherSpaces` more.
 * The same options always give the same data. Invariants of Big Project: ticket min(201, N) is
 * assigned to John Smith (`jsmith`, also `me`), status Test, priority 1, milestone "Release
 * Candidate 1", and it is John's only Test ticket; ticket 301 is in "Release Candidate 1" and
 * assigned to someone else.
 * @example
 * const data = generateData({ seed: 1, tickets: 100_000 });
 * data.tickets[data.spaces[0].id].length; // 100000
 */
export function generateData(options: DataOptions = {}): Dataset {
  const { seed = 1, tickets = 2000, otherSpaces = 2, ticketsPerOtherSpace = 25 } = options;
  const random = createRandom(seed);
  const ids = new Set<string>();
  const newId = (): string => {
    for (;;) {
      const id = randomId(random);
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  };
  const counters = { milestone: 3100, status: 240, ticket: 5000 };

  const people = PEOPLE.map(([login, name], i) => makeUser(random, newId(), login, name, i));
  const me = people[0];
  const portfolioId = newId();

  const data: Dataset = {
    spaces: [],
    milestones: {},
    users: {},
    tickets: {},
    statuses: {},
    me,
    comments: {},
    tags: {},
    ticketTags: {},
    customFields: {},
    components: {},
    associations: {},
    documents: {},
    files: {},
    wikiPages: {},
    wikiVersions: {},
    spaceTools: {},
    userRoles: {},
    tasks: [],
  };
  const spaceSpecs = [
    { name: 'Big Project', users: people.slice(0, BIG_PROJECT_USERS), tickets, big: true },
    ...Array.from({ length: Math.max(0, otherSpaces) }, (_, i) => ({
      name: OTHER_SPACE_NAMES[i] ?? `Project ${i + 1}`,
      // John (the caller) is in every space, with three or four others
      users: [me, ...pickSome(random, people.slice(1), random.int(3, 4))],
      tickets: ticketsPerOtherSpace,
      big: false,
    })),
  ];

  spaceSpecs.forEach((spec, index) => {
    const space = makeSpace(random, newId(), spec.name, index, portfolioId);
    const toolId = newId();
    const statusNames = spec.big
      ? [...OPEN_STATUSES, 'Code Review', ...CLOSED_STATUSES]
      : [...OPEN_STATUSES, ...CLOSED_STATUSES];
    const createdMs = Date.parse(space.created_at);
    const statuses = statusNames.map((name, i) => ({
      id: counters.status++,
      space_tool_id: toolId,
      name,
      state: CLOSED_STATUSES.includes(name) ? 0 : 1,
      list_order: i + 1,
      created_at: isoSeconds(createdMs),
      updated_at: isoSeconds(createdMs),
    }));
    const milestones = (spec.big ? BIG_PROJECT_MILESTONES : OTHER_MILESTONES).map((m) =>
      makeMilestone(random, counters.milestone++, m, space.id, spec.users),
    );
    data.spaces.push(space);
    data.statuses[space.id] = statuses;
    data.milestones[space.id] = milestones;
    data.users[space.id] = spec.users;
    data.tickets[space.id] = makeTickets(random, {
      count: Math.max(0, spec.tickets),
      firstId: counters.ticket,
      space,
      users: spec.users,
      me,
      milestones,
      statuses,
      big: spec.big,
    });
    counters.ticket += Math.max(0, spec.tickets);
  });
  seedExtras(data, seed, spaceSpecs, newId);
  return data;
}

// The resources beyond the seed four seed from a random stream of their own, after the seed four,
// so that their data never changes what the seed four were.
function seedExtras(
  data: Dataset,
  seed: number,
  specs: ReadonlyArray<{ users: WireUser[]; big: boolean }>,
  newId: () => string,
): void {
  const random = createRandom(seed ^ 0x5eed);
  const counters = new Map<string, number>();
  const nextId = (kind: string): number => {
    const id = counters.get(kind) ?? 1000;
    counters.set(kind, id + 1);
    return id;
  };
  data.spaces.forEach((space, i) => {
    const tickets = data.tickets[space.id];
    const ctx: SeedContext = {
      data,
      random,
      newId,
      nextId,
      end: SEED_NOW,
      space,
      big: specs[i].big,
      users: specs[i].users,
      me: data.me,
      tickets,
      seeded: seededTickets(tickets),
    };
    for (const resource of RESOURCES) resource.seed?.(ctx);
  });
}

/** Numbers 1..60, the last 30 and 201: the tickets that get comments, tags and the like. */
function seededTickets(tickets: WireTicket[]): WireTicket[] {
  const picked = new Set([...tickets.slice(0, 60), ...tickets.slice(-30)]);
  if (tickets[200]) picked.add(tickets[200]);
  return [...picked].sort((a, b) => a.number - b.number);
}

function makeUser(random: Random, id: string, login: string, name: string, index: number): WireUser {
  const [first] = name.split(' ');
  return {
    id,
    login,
    name,
    picture: index % 3 === 2 ? '' : `https://www.assembla.com/v1/users/${id}/picture`,
    email: `${login}@example.com`,
    organization: index % 4 === 3 ? null : random.pick(['Example Inc.', 'Example Labs', 'Contractor']),
    phone: index % 2 === 1 ? null : `+1-555-01${String(10 + index).padStart(2, '0')}`,
    im: index % 3 === 0 ? { type: 'Skype', id: `${login}.work` } : { type: null, id: null },
    im2: index === 0 ? { type: 'Jabber', id: `${first.toLowerCase()}@chat.example.com` } : { type: null, id: null },
  };
}

function makeSpace(random: Random, id: string, name: string, index: number, portfolioId: string): WireSpace {
  const createdMs = EPOCH + index * 17 * DAY + random.int(0, 36_000) * 1000;
  const created = isoSeconds(createdMs, SPACE_OFFSET);
  const updated = isoSeconds(createdMs + random.int(1, 300) * DAY, SPACE_OFFSET);
  const commercial = index !== 2; // one free space, like the portfolio recordings mix
  return {
    id,
    name,
    description: index === 0 ? 'Main product development' : index % 2 === 0 ? null : '',
    wiki_name: slug(name),
    public_permissions: commercial ? 0 : 1,
    team_permissions: 2,
    watcher_permissions: 1,
    share_permissions: true,
    team_tab_role: 0,
    created_at: created,
    updated_at: updated,
    default_showpage: 'Wiki',
    tabs_order: index === 1 ? null : TABS_ORDER,
    parent_id: commercial ? portfolioId : null,
    restricted: false,
    restricted_date: null,
    commercial_from: commercial ? created : null,
    banner: null,
    banner_height: null,
    banner_text: index === 1 ? null : '',
    banner_link: null,
    style: index === 1 ? null : '',
    status: 1,
    approved: false,
    is_manager: index !== 1,
    is_volunteer: false,
    is_commercial: commercial,
    can_join: false,
    can_apply: true,
    last_payer_changed_at: null,
  };
}

function makeMilestone(
  random: Random,
  id: number,
  spec: MilestoneSpec,
  spaceId: string,
  users: WireUser[],
): WireMilestone {
  const createdMs = EPOCH + random.int(0, 60) * DAY + random.int(0, 36_000) * 1000;
  const dueMs = spec.dueDay === null ? null : EPOCH + spec.dueDay * DAY;
  const creator = random.pick(users).id;
  return {
    id,
    due_date: dueMs === null ? null : isoDate(dueMs),
    title: spec.title,
    user_id: random.chance(0.5) ? random.pick(users).id : null,
    created_at: isoSeconds(createdMs),
    created_by: creator,
    space_id: spaceId,
    description: spec.notes === null ? null : `${spec.title}: scope agreed with the team.`,
    is_completed: spec.completed,
    completed_date: spec.completed && dueMs !== null ? isoDate(dueMs + 2 * DAY) : null,
    updated_at: isoSeconds(spec.completed && dueMs !== null ? dueMs + 2 * DAY : createdMs),
    updated_by: creator,
    release_level: spec.releaseLevel,
    release_notes: spec.notes,
    planner_type: spec.plannerType,
    pretty_release_level: prettyReleaseLevel(spec.releaseLevel),
  };
}

/** `pretty_release_level` of a milestone: 1 Alpha, 2 Beta, 3 Stable, else None. */
export function prettyReleaseLevel(level: number | null): string {
  return level === 1 ? 'Alpha' : level === 2 ? 'Beta' : level === 3 ? 'Stable' : 'None';
}

interface TicketPlan {
  count: number;
  firstId: number;
  space: WireSpace;
  users: WireUser[];
  me: WireUser;
  milestones: WireMilestone[];
  statuses: WireStatus[];
  big: boolean;
}

function makeTickets(random: Random, plan: TicketPlan): WireTicket[] {
  const { count, space, users, me, milestones, statuses, big } = plan;
  const rc1 = milestones.find((m) => m.title === 'Release Candidate 1');
  const special = Math.min(201, count); // the seed README's ticket 201
  const someoneElse = users[1] ?? users[0];
  const stateOf = new Map(statuses.map((s) => [s.name, s.state]));
  const statusBag = big ? BIG_STATUSES : OTHER_STATUSES;
  const spanMs = 540 * DAY;
  const out = new Array<WireTicket>(count);

  for (let i = 0; i < count; i++) {
    const number = i + 1;
    const milestone = random.chance(0.2) ? null : random.pick(milestones);
    let status: string =
      milestone?.is_completed && random.chance(0.9) ? random.pick(CLOSED_STATUSES) : random.pick(statusBag);
    let assignee = random.chance(0.15) ? null : random.pick(users);
    let priority = random.pick(PRIORITIES);
    let milestoneId = milestone?.id ?? null;
    if (big && number === special) {
      status = 'Test';
      assignee = me;
      priority = 1;
      milestoneId = rc1?.id ?? milestoneId;
    } else if (big && number === 301) {
      milestoneId = rc1?.id ?? milestoneId;
      assignee = someoneElse;
    }
    // John has one Test ticket
    if (big && number !== special && assignee === me && status === 'Test') status = 'Code Review';

    const state = stateOf.get(status) ?? 1;
    // Number order follows creation order, as in a real space.
    const createdMs = EPOCH + Math.floor((i / Math.max(1, count)) * spanMs) + random.int(0, 3600) * 1000;
    const updatedMs = createdMs + random.int(0, 45 * 24) * 3_600_000 + random.int(0, 3599) * 1000;
    const offset = random.chance(0.1) ? IST : 0;
    const reporter = random.pick(users);
    const estimate = random.pick(ESTIMATES);
    const working = state === 1 ? random.pick(WORKING_HOURS) : 0.0;
    const story = random.chance(0.05);
    out[i] = {
      id: plan.firstId + i,
      number,
      summary: `${random.pick(VERBS)} ${random.pick(THINGS)}${random.pick(TAILS)}`,
      description: random.chance(0.1)
        ? null
        : random.chance(0.05)
          ? ''
          : `Steps to reproduce are in the linked report (#${number}).`,
      priority,
      completed_date: state === 0 ? isoSeconds(updatedMs, offset) : null,
      component_id: null,
      created_on: isoSeconds(createdMs, offset),
      permission_type: random.chance(0.05) ? 1 : 0,
      importance: random.chance(0.8) ? -1.0 : random.int(0, 400) / 4,
      is_story: story,
      milestone_id: milestoneId,
      notification_list: assignee && assignee.id !== reporter.id ? `${reporter.id},${assignee.id}` : reporter.id,
      space_id: space.id,
      state,
      status,
      story_importance: 0,
      updated_at: isoSeconds(updatedMs, offset),
      working_hours: working,
      estimate,
      total_estimate: estimate,
      total_invested_hours: state === 0 ? estimate : random.pick(INVESTED_HOURS),
      total_working_hours: working,
      assigned_to_id: assignee?.id ?? null,
      reporter_id: reporter.id,
      custom_fields: big
        ? {
            Build: random.chance(0.6) ? random.pick(BUILDS) : '',
            Customer: random.chance(0.3) ? random.pick(CUSTOMERS) : '',
          }
        : {},
      hierarchy_type: story ? 2 : 0,
    };
  }
  return out;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A 22-character `[A-Za-z0-9_-]` id like Assembla's space and user ids. */
function randomId(random: Random): string {
  let id = '';
  for (let i = 0; i < 22; i++) id += ID_ALPHABET[Math.floor(random.next() * 64)];
  return id;
}

function pickSome<T>(random: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random.next() * pool.length), 1)[0]);
  return out;
}

/**
 * A URL slug: lower case, runs of other characters as one dash.
 * @example
 * slug('Big Project'); // 'big-project'
 */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
