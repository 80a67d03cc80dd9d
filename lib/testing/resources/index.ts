// Every fake resource of the local server. routes.ts builds the route table from their rows and
// data.ts seeds each one; a new resource is one file here and one line below.
import { activity } from './activity';
import { associations } from './associations';
import { comments } from './comments';
import { components } from './components';
import { customFields } from './custom-fields';
import { documents } from './documents';
import { milestones } from './milestones';
import type { FakeResource } from './resource';
import { spaceTools } from './space-tools';
import { spaces } from './spaces';
import { statuses } from './statuses';
import { tags } from './tags';
import { tasks } from './tasks';
import { tickets } from './tickets';
import { userRoles } from './user-roles';
import { users } from './users';
import { wiki } from './wiki';

export const RESOURCES: readonly FakeResource[] = [
  spaces,
  milestones,
  users,
  tickets,
  statuses,
  comments,
  tags,
  customFields,
  components,
  associations,
  documents,
  wiki,
  spaceTools,
  userRoles,
  tasks,
  activity,
];
