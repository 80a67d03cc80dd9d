import { Ticket } from '../codecs/ticket';
import type { Milestone, User } from '../codecs';
import { associations } from './associations';
import { customFields } from './custom-fields';
import { AttributeType, ResourceRow, Writes, defineResource } from './row';
import { statuses } from './statuses';

const byNumber = (a: Ticket, b: Ticket): number => a.number - b.number;

/**
 * Tickets (digest §6). A space's whole list is every report (`report=0`: the default report hides
 * closed ones), sorted by number so that edits during a long read do not shift pages; a milestone's
 * come from their own list unless the space's is cached (the same tickets); a user's are the space's
 * assigned to them; a tag's from the tag's list (§12).
 */
export const tickets: ResourceRow<Ticket> = defineResource<Ticket>({
  name: 'ticket',
  tag: 'tickets',
  codec: Ticket,
  from: {
    space: { path: '/spaces/{space}/tickets', params: { report: 0, sort_by: 'number', sort_order: 'asc' } },
    milestone: {
      path: '/spaces/{space}/tickets/milestone/{id}',
      within: (t: Ticket, m: Milestone) => t.milestone_id === m.id,
      order: byNumber,
    },
    tag: { path: '/spaces/{space}/tags/{id}/tickets' },
    user: {
      within: (t: Ticket, u: User) => t.assigned_to_id === u.id,
      describe: (u: User) => `the tickets of user "${u.name}"`,
    },
  },
  lists: {
    my_active: { path: '/spaces/{space}/tickets/my_active' },
    my_followed: { path: '/spaces/{space}/tickets/my_followed' },
    no_milestone: { path: '/spaces/{space}/tickets/no_milestone' },
  },
  lookups: [
    { by: 'number', path: '/spaces/{space}/tickets/{number}' },
    { by: 'id', path: '/spaces/{space}/tickets/id/{id}' },
  ],
  paged: true,
  numbered: { field: 'number', select: 'number[]' },
  identity: 'number',
  describe: (t) => `ticket #${t.number}`,
  example: 'ticket({ number: 201 })',
});

/**
 * What a ticket write may set (digest §6.4, the writable list): a status by name, tags by name, custom
 * fields by title, a milestone by id, a user by id. Every field is optional here; `NewTicket` needs
 * `summary`.
 *
 * @example space$.pipe(ticket({ number: 201 }), updateTicket({ status: 'Fixed', assigned_to_id: null }))
 */
export interface TicketAttributes {
  readonly summary?: string;
  readonly description?: string | null;
  /** 1 Highest … 5 Lowest (3 Normal is the default). */
  readonly priority?: number;
  readonly component_id?: number | null;
  readonly created_on?: Date;
  /** 0 development, 1 private support, 2 public support. */
  readonly permission_type?: number;
  readonly is_story?: boolean;
  readonly milestone_id?: number | null;
  /** Tag names; unknown names create tags. */
  readonly tags?: readonly string[];
  /** User logins, emails or ids. */
  readonly followers?: readonly string[];
  /** Comma-separated user ids. */
  readonly notification_list?: string;
  /** A status name of the space, e.g. `'Fixed'` (`state` follows it). */
  readonly status?: string;
  readonly story_importance?: number;
  readonly working_hours?: number;
  readonly estimate?: number;
  /** A user id (or login), or null for nobody. */
  readonly assigned_to_id?: string | null;
  /** By custom field title: `{ Build: '42' }`. */
  readonly custom_fields?: Readonly<Record<string, string | number | null>>;
  readonly hierarchy_type?: number;
  readonly is_support?: boolean;
}

/**
 * A new ticket's attributes: `summary` is required, and a `number` may be chosen (digest §6.4).
 *
 * @example space$.pipe(createTicket({ summary: 'Crash on save', priority: 2 }))
 */
export interface NewTicket extends TicketAttributes {
  readonly summary: string;
  readonly number?: number;
}

// One entry per attribute of NewTicket, checked by the compiler: the run-time twin of the types above.
const attributes: Readonly<Record<keyof NewTicket, AttributeType>> = {
  summary: 'string',
  description: 'string?',
  priority: 'integer',
  component_id: 'integer?',
  created_on: 'date',
  permission_type: 'integer',
  is_story: 'boolean',
  milestone_id: 'integer?',
  tags: 'strings',
  followers: 'strings',
  notification_list: 'string',
  status: 'string',
  story_importance: 'integer',
  working_hours: 'number',
  estimate: 'number',
  assigned_to_id: 'string?',
  custom_fields: 'map',
  hierarchy_type: 'integer',
  is_support: 'boolean',
  number: 'integer',
};

/**
 * Ticket writes (digest §6.1; spec/fixtures/recordings/space-tickets/create.json, edit.json,
 * delete.json): POST answers 201 with the ticket, PUT and DELETE 204. A create whose answer was lost
 * is looked for among the space's newest tickets: the caller's, with that summary (the server trims it).
 * A status and custom field titles must be the space's (checked against its cached lists: the server
 * refuses an unknown status, and drops an unknown custom field without a word,
 * lib/testing/resources/tickets.ts).
 */
// A plain object, not a call: a bundler drops it from a page that only reads (a call it would keep).
export const ticketWrites: Writes<Ticket> = {
  row: tickets,
  attributes,
  refers: () => ({
    status: { row: statuses, field: 'name', anyCase: true },
    custom_fields: { row: customFields, field: 'title', keys: true },
  }),
  create: {
    path: '/spaces/{space}/tickets',
    body: { encoding: 'rails', key: 'ticket' },
    required: ['summary'],
    find: {
      path: '/spaces/{space}/tickets',
      params: { report: 0, sort_by: 'number', sort_order: 'desc', per_page: 20 },
      match: (t, sent, me) => t.reporter_id === me.id && t.summary === String(sent.summary).trim(),
    },
  },
  update: { path: '/spaces/{space}/tickets/{number}', body: { encoding: 'rails', key: 'ticket' } },
  // The server deletes its associations with it (lib/testing/resources/tickets.ts): the cached
  // association lists of the space, the other tickets' among them, are dropped.
  delete: { path: '/spaces/{space}/tickets/{number}', changes: () => [associations] },
  derived: {
    status_name: { from: 'status' },
    state: { from: 'status', in: { list: '/spaces/{space}/tickets/statuses', by: 'name', take: 'state' } },
  },
};
