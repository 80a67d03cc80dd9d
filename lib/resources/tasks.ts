import { Task } from '../codecs';
import { ResourceRow, defineResource } from './row';

/**
 * Time entries (digest §17): `GET /tasks` answers the caller's own tasks by default (other users'
 * only to an owner asking with `users[]`), here narrowed to one space, paged 25 at a time (the
 * documented default).
 */
export const tasks: ResourceRow<Task> = defineResource<Task>({
  name: 'task',
  tag: 'tasks',
  codec: Task,
  from: { space: { path: '/tasks', params: { 'spaces[]': '{space}' }, paged: true } },
  perPage: 25,
  identity: 'id',
});
