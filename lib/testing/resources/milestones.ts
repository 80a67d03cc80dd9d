// Milestones (digest §13): paged lists by due date, writes (201 + Location + the full object, 204 for
// updates and deletes, 422 with Rails' error map for invalid attributes); their wire type and seed.
import type { Random } from '../chaos/random';
import { attributes, nullable, toInt, type FieldErrors } from '../http/body';
import { pageOf, paging } from '../http/paging';
import { json, list, noContent, notFound, unprocessable } from '../http/replies';
import { slug } from '../http/slug';
import { isoDate, isoSeconds } from '../http/time';
import { milestoneEvent, recordEvent } from './activity';
import { found, inSpace, type Context, type Handler } from './context';
import type { FakeResource } from './resource';
import { DAY, EPOCH } from './seed';
import type { WireSpace } from './spaces';
import type { WireUser } from './users';

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

/** A space's seeded milestones (Big Project has its own set), each taking its id from `nextId`. */
export function makeMilestones(
  random: Random,
  big: boolean,
  spaceId: string,
  users: WireUser[],
  nextId: () => number,
): WireMilestone[] {
  return (big ? BIG_PROJECT_MILESTONES : OTHER_MILESTONES).map((m) =>
    makeMilestone(random, nextId(), m, spaceId, users),
  );
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
function prettyReleaseLevel(level: number | null): string {
  return level === 1 ? 'Alpha' : level === 2 ? 'Beta' : level === 3 ? 'Stable' : 'None';
}

/** `POST /spaces/:space/milestones`: `title` is required. */
const createMilestone = inSpace((ctx, space) => {
  const me = ctx.store.data.me.id;
  const now = isoSeconds(ctx.now);
  const draft: WireMilestone = {
    id: 0,
    due_date: null,
    title: '',
    user_id: null,
    created_at: now,
    created_by: me,
    space_id: space.id,
    description: null,
    is_completed: false,
    completed_date: null,
    updated_at: now,
    updated_by: me,
    release_level: null,
    release_notes: null,
    planner_type: 0,
    pretty_release_level: 'None',
  };
  const result = applyMilestone(ctx, space, draft, attributes(ctx.body, 'milestone'), true);
  if ('errors' in result) return unprocessable(result.errors);
  const milestone = { ...result.milestone, id: ctx.store.nextMilestoneId() };
  ctx.store.addMilestone(milestone);
  recordEvent(ctx, space, milestoneEvent(milestone, 'created'));
  // Recorded oddity: the create answer has completed_date as a datetime, lists have a plain date.
  const answer = milestone.is_completed
    ? { ...milestone, completed_date: isoSeconds(ctx.now).replace('Z', '+00:00') }
    : milestone;
  return json(answer, 201, {
    Location: `${ctx.baseUrl}/v1/spaces/${space.id}/milestones/${milestone.id}-${slug(milestone.title)}`,
  });
});

/** `PUT /spaces/:space/milestones/:id`: 204. */
const updateMilestone = inSpace((ctx, space) => {
  const current = ctx.store.milestone(space.id, Number(ctx.params.id));
  if (!current) return notFound();
  const result = applyMilestone(ctx, space, current, attributes(ctx.body, 'milestone'), false);
  if ('errors' in result) return unprocessable(result.errors);
  const milestone = { ...result.milestone, updated_at: isoSeconds(ctx.now), updated_by: ctx.store.data.me.id };
  ctx.store.replaceMilestone(milestone);
  recordEvent(ctx, space, milestoneEvent(milestone, 'updated'));
  return noContent();
});

/** `DELETE /spaces/:space/milestones/:id`: 204; its tickets lose their milestone. */
const deleteMilestone = inSpace((ctx, space) => {
  const milestone = ctx.store.milestone(space.id, Number(ctx.params.id));
  if (!milestone) return notFound();
  ctx.store.removeMilestone(space.id, milestone.id);
  recordEvent(ctx, space, milestoneEvent(milestone, 'deleted'));
  return noContent();
});

function applyMilestone(
  ctx: Context,
  space: WireSpace,
  current: WireMilestone,
  attrs: Record<string, unknown>,
  creating: boolean,
): { milestone: WireMilestone } | { errors: FieldErrors } {
  const m: WireMilestone = { ...current };
  const errors: FieldErrors = {};
  const fail = (field: string, message: string): void => void (errors[field] ??= []).push(message);
  const has = (field: string): boolean => attrs[field] !== undefined;

  if (creating || has('title')) {
    const title = typeof attrs.title === 'string' ? attrs.title.trim() : '';
    if (title === '') fail('title', "can't be blank");
    else m.title = title;
  }
  for (const field of ['description', 'release_notes'] as const) {
    if (has(field)) m[field] = attrs[field] === null ? null : String(attrs[field]);
  }
  if (has('due_date')) {
    const due = nullable(attrs.due_date, (v) =>
      Number.isNaN(Date.parse(String(v))) ? undefined : isoDate(Date.parse(String(v))),
    );
    if (due === undefined) fail('due_date', 'is invalid');
    else m.due_date = due;
  }
  if (has('user_id')) {
    const ref = nullable(attrs.user_id, String);
    const user = ref === null ? null : ctx.store.users(space.id).find((u) => u.id === ref || u.login === ref);
    if (user === undefined) fail('user_id', 'is invalid');
    else m.user_id = user?.id ?? null;
  }
  if (has('release_level')) {
    const level = nullable(attrs.release_level, toInt);
    if (level === undefined || (level !== null && (level < 1 || level > 3)))
      fail('release_level', 'is not included in the list');
    else m.release_level = level;
  }
  m.pretty_release_level = prettyReleaseLevel(m.release_level);
  if (has('planner_type')) {
    const type = toInt(attrs.planner_type);
    if (type === undefined || type < 0 || type > 2) fail('planner_type', 'is not included in the list');
    else m.planner_type = type;
  }
  if (has('is_completed')) {
    const done = attrs.is_completed === true || attrs.is_completed === 'true' || attrs.is_completed === 1;
    if (done && !m.is_completed) m.completed_date = isoDate(ctx.now);
    if (!done) m.completed_date = null;
    m.is_completed = done;
  }
  return Object.keys(errors).length > 0 ? { errors } : { milestone: m };
}

const MILESTONES_PER_PAGE = 10; // not documented; an assumption

const MILESTONE_LISTS: Record<string, (m: WireMilestone) => boolean> = {
  default: (m) => !m.is_completed, // recorded: the default listing held the open milestone
  all: () => true,
  upcoming: (m) => !m.is_completed,
  completed: (m) => m.is_completed,
  release_notes: (m) => m.release_notes !== null && m.release_notes !== '',
};

/** `GET /spaces/:space/milestones[/all|upcoming|completed|release_notes]`: paged, by due date (undated last). */
function listMilestones(which: keyof typeof MILESTONE_LISTS): Handler {
  const filter = MILESTONE_LISTS[which];
  return inSpace(({ store, query }, space) => {
    const milestones = store.milestones(space.id).filter(filter).sort(byDueDate);
    return list(pageOf(milestones, paging(query, MILESTONES_PER_PAGE)));
  });
}

const getMilestone = inSpace(({ store, params }, space) => found(store.milestone(space.id, Number(params.id))));

function byDueDate(a: WireMilestone, b: WireMilestone): number {
  if (a.due_date !== b.due_date) {
    if (a.due_date === null) return 1;
    if (b.due_date === null) return -1;
    return a.due_date < b.due_date ? -1 : 1;
  }
  return a.id - b.id;
}

export const milestones: FakeResource = {
  name: 'milestone',
  routes: [
    ['GET', '/spaces/:space/milestones', listMilestones('default')],
    ['GET', '/spaces/:space/milestones/all', listMilestones('all')],
    ['GET', '/spaces/:space/milestones/upcoming', listMilestones('upcoming')],
    ['GET', '/spaces/:space/milestones/completed', listMilestones('completed')],
    ['GET', '/spaces/:space/milestones/release_notes', listMilestones('release_notes')],
    ['GET', '/spaces/:space/milestones/:id', getMilestone],
    ['POST', '/spaces/:space/milestones', createMilestone],
    ['PUT', '/spaces/:space/milestones/:id', updateMilestone],
    ['DELETE', '/spaces/:space/milestones/:id', deleteMilestone],
  ],
};
