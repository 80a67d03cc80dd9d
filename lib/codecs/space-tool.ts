// A space tool, as /spaces/:space/space_tools[/repo|:id] and POST .../space_tools/:tool_id/add answer
// it (digest section 5; recorded in spec/fixtures/recordings/space-tools/ and, as each scenario first
// adds the tool it needs, in most other folders).
import { entity, EntityOf } from './entity';
import { Bool, Integer, nullable, Str, Timestamp } from './primitives';

const spaceToolFields = {
  id: Str,
  space_id: Str,
  active: Bool,
  /** A repository's URL (`git@host:<space>.git`), or null. */
  url: nullable(Str),
  /** Which instance of the same tool in the space, from 1. */
  number: Integer,
  /** The kind of tool: 13 Tickets, 18 Files, 21 Messages, 23 Wiki, 128 Git... */
  tool_id: Integer,
  /** `"TicketTool"`, `"DocumentsTool"`, `"FlowsTool"`, `"GitTool"`... */
  type: Str,
  created_at: Timestamp,
  /** 1 view, 2 edit, 3 all; null inherits the space's. */
  team_permissions: nullable(Integer),
  watcher_permissions: nullable(Integer),
  public_permissions: nullable(Integer),
  /** The tool it was forked from, or null. */
  parent_id: nullable(Str),
  menu_name: Str,
  /** The tool's name, or its id when it has none (`"git"` for Git). */
  name: Str,
};

/** A decoded space tool. */
export type SpaceTool = EntityOf<typeof spaceToolFields>;

/**
 * Codec for a space tool.
 *
 * @example
 * SpaceTool.decode(json)  // right({ id: 'b_FDF4ob4r5k1-caaN1ZW_', tool_id: 128, type: 'GitTool', ... })
 */
export const SpaceTool = entity('SpaceTool', spaceToolFields);
