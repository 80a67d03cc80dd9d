// Ticket custom field definitions (digest §9): unpaged. `type` is read back capitalised
// (spec/fixtures/recordings/ticket-custom-fields/*.json); `list_options` is an array present only
// on List fields (digest §9: absent from the recorded non-list fields). Tickets' `custom_fields`
// hold a value for each definition's title (tickets.ts: Build and Customer in Big Project).
import { list } from '../http/replies';
import { isoSeconds } from '../http/time';
import { found, inSpace } from './context';
import type { FakeResource, SeedContext } from './resource';

/** A custom field definition. */
export interface WireCustomField {
  id: number;
  space_tool_id: string;
  /** 'Text', 'Numeric', 'Date', 'List' or 'Team List'. */
  type: string;
  title: string;
  order: number | null;
  required: boolean;
  hide: boolean;
  default_value: string | null;
  /** Only on List fields. */
  list_options?: string[];
  created_at: string;
  updated_at: string;
}

/** The values tickets.ts gives Big Project's `Customer` field. */
export const CUSTOMER_OPTIONS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella'];

/** Big Project: Build (Text) and Customer (List); other spaces have none, as their tickets show. */
function seed(ctx: SeedContext): void {
  const fields: WireCustomField[] = (ctx.data.customFields[ctx.space.id] = []);
  if (!ctx.big) return;
  const tool = ctx.data.statuses[ctx.space.id]?.[0]?.space_tool_id ?? ctx.newId();
  const at = isoSeconds(Date.parse(ctx.space.created_at) + 3_600_000, 330); // recorded at +05:30 too
  const field = (type: string, title: string, order: number, options?: string[]): WireCustomField => ({
    id: ctx.nextId('customField'),
    space_tool_id: tool,
    type,
    title,
    order,
    required: false,
    hide: false,
    default_value: null,
    ...(options ? { list_options: options } : {}),
    created_at: at,
    updated_at: at,
  });
  fields.push(field('Text', 'Build', 2), field('List', 'Customer', 1, [...CUSTOMER_OPTIONS]));
}

export const customFields: FakeResource = {
  name: 'custom field',
  routes: [
    ['GET', '/spaces/:space/tickets/custom_fields', inSpace(({ store }, s) => list(store.of('customFields', s.id)))],
    [
      'GET',
      '/spaces/:space/tickets/custom_fields/:id',
      inSpace(({ store, params }, s) => found(store.of('customFields', s.id).find((f) => f.id === Number(params.id)))),
    ],
  ],
  seed,
};
