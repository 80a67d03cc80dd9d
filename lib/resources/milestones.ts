import { Milestone } from '../codecs/milestone';
import { ResourceRow, defineResource } from './row';

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
