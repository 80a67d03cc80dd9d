// A milestone, as /spaces/:space/milestones[/all|upcoming|completed|release_notes|:id] answer it
// (digest section 13). `start_date` and `budget` are in the docs only, never recorded: optional.
import { entity, EntityOf, optional } from './entity';
import { Bool, Integer, nullable, Num, PlainDate, Str, Timestamp } from './primitives';

const milestoneFields = {
  id: Integer,
  start_date: optional(nullable(PlainDate)),
  due_date: nullable(PlainDate),
  budget: optional(nullable(Num)),
  title: Str,
  user_id: nullable(Str),
  created_at: Timestamp,
  created_by: Str,
  space_id: Str,
  description: nullable(Str),
  is_completed: Bool,
  /** A date; the create response sends a full timestamp, which `PlainDate` takes for its date. */
  completed_date: nullable(PlainDate),
  updated_at: Timestamp,
  updated_by: Str,
  /** 1 Alpha, 2 Beta, 3 Stable. */
  release_level: nullable(Integer),
  release_notes: nullable(Str),
  /** 0 none, 1 backlog, 2 current. */
  planner_type: Integer,
  pretty_release_level: Str,
};

export type Milestone = EntityOf<typeof milestoneFields>;

/**
 * Codec for a milestone.
 *
 * @example
 * Milestone.decode({ ...json, completed_date: '2014-09-18' })  // completed_date: Date 2014-09-18T00:00:00Z
 */
export const Milestone = entity('Milestone', milestoneFields);
