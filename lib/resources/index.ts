// Every resource row, for specs and tools that run over all of them (the fidelity spec, the docs).
// The SDK itself never imports this file: each operator imports its own row, so rows tree-shake.
export { activityEvents } from './activity';
export { associations } from './associations';
export { comments } from './comments';
export { components } from './components';
export { customFields } from './custom-fields';
export { documents } from './documents';
export { me } from './me';
export { milestones } from './milestones';
export { spaceTools, userRoles } from './space-tools';
export { spaces } from './spaces';
export { statuses } from './statuses';
export { tags } from './tags';
export { tasks } from './tasks';
export { tickets } from './tickets';
export { users } from './users';
export { wikiPages, wikiVersions } from './wiki-pages';
