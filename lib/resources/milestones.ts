import { Milestone } from '../codecs/milestone';
import { AttributeType, ResourceRow, Writes, defineResource } from './row';
import { tickets } from './tickets';

/**
 * Milestones. `/milestones/all` is every milestone, completed ones included (plain `/milestones`
 * lists only some: spec/fixtures/recordings/space-milestones); the other lists are as named (digest §13).
 */
export const milestones: ResourceRow<Milestone> = defineResource<Milestone>({
  name: 'milestone',
  tag: 'milestones',
  codec: Milestone,
  from: { space: { path: '/spaces/{space}/milestones/all' } },
  lists: {
    upcoming: { path: '/spaces/{space}/milestones/upcoming' },
    completed: { path: '/spaces/{space}/milestones/completed' },
    release_notes: { path: '/spaces/{space}/milestones/release_notes' },
  },
  lookups: [{ by: 'id', path: '/spaces/{space}/milestones/{id}' }],
  paged: true,
  identity: 'id',
  describe: (m) => `milestone "${m.title}"`,
  example: "milestone('Release Candidate 1')",
});

/**
 * What a milestone write may set (digest §13: the gem's writable list, and the docs' `start_date`,
 * `due_date`, `budget`, `description`). Dates are sent as their UTC day.
 *
 * @example space$.pipe(milestone('Backlog'), updateMilestone({ is_completed: true }))
 */
export interface MilestoneAttributes {
  readonly title?: string;
  /** The responsible user's id (or login), or null for nobody. */
  readonly user_id?: string | null;
  readonly is_completed?: boolean;
  /** 1 Alpha, 2 Beta, 3 Stable, or null. */
  readonly release_level?: 1 | 2 | 3 | null;
  readonly release_notes?: string | null;
  /** 0 none, 1 backlog, 2 current. */
  readonly planner_type?: 0 | 1 | 2;
  readonly start_date?: Date | null;
  readonly due_date?: Date | null;
  readonly budget?: number | null;
  readonly description?: string | null;
}

/**
 * A new milestone's attributes: `title` is required (digest §13).
 *
 * @example space$.pipe(createMilestone({ title: 'Release 2.0', due_date: new Date('2027-03-01') }))
 */
export interface NewMilestone extends MilestoneAttributes {
  readonly title: string;
}

// One entry per attribute, checked by the compiler: the run-time twin of the types above.
const attributes: Readonly<Record<keyof NewMilestone, AttributeType>> = {
  title: 'string',
  user_id: 'string?',
  is_completed: 'boolean',
  release_level: [1, 2, 3, null],
  release_notes: 'string?',
  planner_type: [0, 1, 2],
  start_date: 'day?',
  due_date: 'day?',
  budget: 'number?',
  description: 'string?',
};

/**
 * Milestone writes (digest §13; spec/fixtures/recordings/space-milestones/create.json, edit.json,
 * delete.json): POST answers 201 with the milestone, PUT and DELETE 204. A create whose answer was
 * lost is looked for among the space's milestones. The order of a space's
 * milestones is not documented (the local server's is by due date), so a created one is not placed
 * in the cached list: that list is read again. A deleted milestone leaves its tickets without one
 * (lib/testing/resources/store.ts removeMilestone; the API does not say), so the space's cached
 * tickets are read again after a delete.
 */
// A plain object, not a call: a bundler drops it from a page that only reads (a call it would keep).
export const milestoneWrites: Writes<Milestone> = {
  row: milestones,
  attributes,
  create: {
    path: '/spaces/{space}/milestones',
    body: { encoding: 'rails', key: 'milestone' },
    required: ['title'],
    // Titles are not unique: the caller's with that title (the server trims it), among the first 100.
    find: {
      path: '/spaces/{space}/milestones/all',
      params: { per_page: 100 },
      match: (m, sent, me) => m.created_by === me.id && m.title === String(sent.title).trim(),
    },
  },
  update: { path: '/spaces/{space}/milestones/{id}', body: { encoding: 'rails', key: 'milestone' } },
  delete: { path: '/spaces/{space}/milestones/{id}', changes: () => [tickets] },
};
