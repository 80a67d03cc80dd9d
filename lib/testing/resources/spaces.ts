// Spaces (digest §4): the caller's spaces, by id or wiki_name; their wire type and seed.
// Field order, JSON types and oddities follow the recorded Assembla responses (spec/fixtures/recordings/).
import type { Random } from '../chaos/random';
import { list } from '../http/replies';
import { slug } from '../http/slug';
import { isoSeconds } from '../http/time';
import { found, inSpace, type Handler } from './context';
import type { FakeResource } from './resource';
import { DAY, EPOCH } from './seed';

/** A space as `GET /spaces/:space` answers it. */
export interface WireSpace {
  id: string;
  name: string;
  description: string | null;
  wiki_name: string;
  public_permissions: number;
  team_permissions: number;
  watcher_permissions: number;
  share_permissions: boolean;
  team_tab_role: number;
  created_at: string;
  updated_at: string;
  default_showpage: string;
  tabs_order: string | null;
  parent_id: string | null;
  restricted: boolean;
  restricted_date: string | null;
  commercial_from: string | null;
  banner: string | null;
  banner_height: number | null;
  banner_text: string | null;
  banner_link: string | null;
  style: string | null;
  status: number;
  approved: boolean;
  is_manager: boolean;
  is_volunteer: boolean;
  is_commercial: boolean;
  can_join: boolean;
  can_apply: boolean;
  last_payer_changed_at: string | null;
}

const SPACE_OFFSET = 180; // spaces are listed at +03:00, like the recordings
const TABS_ORDER = '--- \n- stream\n- wiki\n- messages\n- files\n- team\n- admin\n';

const OTHER_SPACE_NAMES = [
  'Website Redesign',
  'Mobile App',
  'Data Platform',
  'Customer Portal',
  'Internal Tools',
  'Billing Service',
];

/**
 * The name of the space after Big Project at `index` (0-based).
 * @example
 * otherSpaceName(0); // 'Website Redesign'
 */
export function otherSpaceName(index: number): string {
  return OTHER_SPACE_NAMES[index] ?? `Project ${index + 1}`;
}

/** A seeded space; the `index`-th space of the dataset (Big Project is 0). */
export function makeSpace(random: Random, id: string, name: string, index: number, portfolioId: string): WireSpace {
  const createdMs = EPOCH + index * 17 * DAY + random.int(0, 36_000) * 1000;
  const created = isoSeconds(createdMs, SPACE_OFFSET);
  const updated = isoSeconds(createdMs + random.int(1, 300) * DAY, SPACE_OFFSET);
  const commercial = index !== 2; // one free space, like the portfolio recordings mix
  return {
    id,
    name,
    description: index === 0 ? 'Main product development' : index % 2 === 0 ? null : '',
    wiki_name: slug(name),
    public_permissions: commercial ? 0 : 1,
    team_permissions: 2,
    watcher_permissions: 1,
    share_permissions: true,
    team_tab_role: 0,
    created_at: created,
    updated_at: updated,
    default_showpage: 'Wiki',
    tabs_order: index === 1 ? null : TABS_ORDER,
    parent_id: commercial ? portfolioId : null,
    restricted: false,
    restricted_date: null,
    commercial_from: commercial ? created : null,
    banner: null,
    banner_height: null,
    banner_text: index === 1 ? null : '',
    banner_link: null,
    style: index === 1 ? null : '',
    status: 1,
    approved: false,
    is_manager: index !== 1,
    is_volunteer: false,
    is_commercial: commercial,
    can_join: false,
    can_apply: true,
    last_payer_changed_at: null,
  };
}

/** `GET /spaces`: every space of the caller, unpaged. */
const listSpaces: Handler = ({ store }) => list(store.data.spaces);

const getSpace = inSpace((_ctx, space) => found(space));

export const spaces: FakeResource = {
  name: 'space',
  routes: [
    ['GET', '/spaces', listSpaces],
    ['GET', '/spaces/:space', getSpace],
  ],
};
