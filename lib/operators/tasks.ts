import type { OperatorFunction } from 'rxjs';
import type { Task } from '../codecs';
import { listOperator } from '../engine/operators';
import type { Space } from '../engine/entities';
import type { Filter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import { tasks as row } from '../resources/tasks';

/**
 * The caller's own time entries (tasks) in each upstream space that match: `GET /tasks` answers the
 * caller's tasks, not the whole team's. Read in pages of 25.
 *
 * @example space$.pipe(tasks({ billed: false }))
 */
export function tasks(filter?: Filter<Task>, options?: LiveOptions): OperatorFunction<Space, Task[]> {
  return listOperator(row, 'tasks', filter, options);
}
