// A task (a time entry), as /tasks[/:id] answer it (digest section 17; recorded in
// spec/fixtures/recordings/tasks/ and portfolio-tasks/).
import { entity, EntityOf } from './entity';
import { Bool, Integer, nullable, Num, Str, Timestamp } from './primitives';

const taskFields = {
  id: Integer,
  description: Str,
  url: nullable(Str),
  /**
   * Hours worked. The server sends a decimal string (`"1.0"` in every recording; the docs' table says
   * float): decoded to a number like every other numeric field, since sums and comparisons are what
   * it is for; a JSON number is accepted as well.
   */
  hours: Num,
  begin_at: Timestamp,
  end_at: Timestamp,
  billed: Bool,
  space_id: Str,
  ticket_number: nullable(Integer),
  /** The ticket's global id. */
  ticket_id: nullable(Integer),
  user_id: Str,
  job_agreement_id: nullable(Integer),
  created_at: Timestamp,
  updated_at: Timestamp,
};

/** A decoded task. */
export type Task = EntityOf<typeof taskFields>;

/**
 * Codec for a task. `hours` comes as a decimal string and is decoded to a number.
 *
 * @example
 * Task.decode({ ...json, hours: '1.5' })  // right({ ..., hours: 1.5 })
 */
export const Task = entity('Task', taskFields);
