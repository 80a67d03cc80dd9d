// What the local server serves: every resource's collections, as generateData (data.ts) builds them.
import type { WireAssociation } from './associations';
import type { WireComment } from './comments';
import type { WireComponent } from './components';
import type { WireCustomField } from './custom-fields';
import type { WireDocument } from './documents';
import type { WireMilestone } from './milestones';
import type { WireSpaceTool } from './space-tools';
import type { WireSpace } from './spaces';
import type { WireStatus } from './statuses';
import type { WireTag, WireTicketTag } from './tags';
import type { WireTask } from './tasks';
import type { WireTicket } from './tickets';
import type { WireUserRole } from './user-roles';
import type { WireUser } from './users';
import type { WireWikiPage, WireWikiVersion } from './wiki';

/** Everything the local server serves. Lists keyed by space id; tickets by number ascending. */
export interface Dataset {
  spaces: WireSpace[];
  milestones: Record<string, WireMilestone[]>;
  users: Record<string, WireUser[]>;
  tickets: Record<string, WireTicket[]>;
  statuses: Record<string, WireStatus[]>;
  /** The caller (`GET /user`): John Smith. */
  me: WireUser;
  /** Comments of the space's tickets (each names its ticket's id). */
  comments: Record<string, WireComment[]>;
  tags: Record<string, WireTag[]>;
  /** Which ticket carries which tag. */
  ticketTags: Record<string, WireTicketTag[]>;
  customFields: Record<string, WireCustomField[]>;
  components: Record<string, WireComponent[]>;
  /** Each association once, whichever ticket it is read from. */
  associations: Record<string, WireAssociation[]>;
  /** Files and attachments of the space. */
  documents: Record<string, WireDocument[]>;
  /** A document's bytes by document id, base64. */
  files: Record<string, string>;
  wikiPages: Record<string, WireWikiPage[]>;
  wikiVersions: Record<string, WireWikiVersion[]>;
  spaceTools: Record<string, WireSpaceTool[]>;
  userRoles: Record<string, WireUserRole[]>;
  /** Every user's time entries in every space. */
  tasks: WireTask[];
}

/** The names of a Dataset's per-space collections (lists keyed by space id), e.g. 'tags'. */
export type SpaceCollection = {
  [K in keyof Dataset]: Dataset[K] extends Record<string, unknown[]> ? K : never;
}[keyof Dataset];
