// Milestones (digest §13): paged lists by due date, and writes (writes.ts). Wire type and seed: data.ts.
import { found, inSpace, type Handler } from '../context';
import type { WireMilestone } from '../data';
import { pageOf, paging } from '../paging';
import { list } from '../replies';
import * as write from '../writes';
import type { FakeResource } from './resource';

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
    ['POST', '/spaces/:space/milestones', write.createMilestone],
    ['PUT', '/spaces/:space/milestones/:id', write.updateMilestone],
    ['DELETE', '/spaces/:space/milestones/:id', write.deleteMilestone],
  ],
};
