// Space tools (digest §5): unpaged; one by id or name. The Tickets tool is the one the statuses
// and custom fields name (`space_tool_id`). Recorded shape: spec/fixtures/recordings/space-tools/get.json.
import { list } from '../http/replies';
import { isoSeconds } from '../http/time';
import { found, inSpace } from './context';
import type { FakeResource, SeedContext } from './resource';

/** A tool installed in a space. */
export interface WireSpaceTool {
  id: string;
  space_id: string;
  active: boolean;
  url: string | null;
  number: number;
  tool_id: number;
  type: string;
  created_at: string;
  team_permissions: number | null;
  watcher_permissions: number | null;
  public_permissions: number | null;
  parent_id: string | null;
  menu_name: string;
  /** The tool's name, or its id when it has none (recorded). */
  name: string;
}

const REPOSITORY_TOOLS = new Set([12, 17, 20, 22, 24, 128]);

// [tool_id, type, menu_name, name or null]; digest §5 lists the tool ids.
const TOOLS: Array<[number, string, string, string | null]> = [
  [13, 'TicketTool', 'Tickets', null],
  [9, 'MilestoneTool', 'Milestones', null],
  [23, 'WikiTool', 'Wiki', null],
  [18, 'FileTool', 'Files', null],
  [21, 'FlowsTool', 'Messages', null],
];

/** Tickets, Milestones, Wiki, Files and Messages in every space; Big Project also Git. */
function seed(ctx: SeedContext): void {
  const ticketTool = ctx.data.statuses[ctx.space.id]?.[0]?.space_tool_id;
  const at = isoSeconds(Date.parse(ctx.space.created_at) + 60_000);
  const rows = ctx.big ? [...TOOLS, [128, 'GitTool', 'Git', 'git'] as (typeof TOOLS)[number]] : TOOLS;
  ctx.data.spaceTools[ctx.space.id] = rows.map(([toolId, type, menu, name]) => {
    const id = toolId === 13 && ticketTool ? ticketTool : ctx.newId();
    return {
      id,
      space_id: ctx.space.id,
      active: true,
      url: toolId === 128 ? `git@git.assembla.com:${ctx.space.wiki_name}.git` : null,
      number: 1,
      tool_id: toolId,
      type,
      created_at: at,
      team_permissions: null,
      watcher_permissions: null,
      public_permissions: null,
      parent_id: null,
      menu_name: menu,
      name: name ?? id,
    };
  });
}

export const spaceTools: FakeResource = {
  name: 'space tool',
  routes: [
    ['GET', '/spaces/:space/space_tools', inSpace(({ store }, s) => list(store.of('spaceTools', s.id)))],
    [
      'GET',
      '/spaces/:space/space_tools/repo',
      inSpace(({ store }, s) => list(store.of('spaceTools', s.id).filter((t) => REPOSITORY_TOOLS.has(t.tool_id)))),
    ],
    [
      'GET',
      '/spaces/:space/space_tools/:tool',
      inSpace(({ store, params }, s) => {
        const tools = store.of('spaceTools', s.id);
        return found(tools.find((t) => t.id === params.tool) ?? tools.find((t) => t.name === params.tool));
      }),
    ],
  ],
  seed,
};
