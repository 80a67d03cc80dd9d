// Ticket custom field definitions (digest §9): unpaged. `type` is read back capitalised
// (spec/fixtures/recordings/ticket-custom-fields/*.json); `list_options` is an array present only
// on List fields (digest §9: absent from the recorded non-list fields). Tickets' `custom_fields`
// hold a value for each definition's title (tickets.ts: Build and Customer in Big Project), so
// creating, renaming or deleting a definition adds, renames or removes that key on every ticket of
// the space (digest §6.3: `{}` when the space has none). Writes: 201 + Location + the field
// (ticket-custom-fields/create.json), 204 for updates and deletes (edit.json, delete.json).
import { attributes, nullable, type FieldErrors } from '../http/body';
import { json, list, noContent, notFound, unprocessable } from '../http/replies';
import { isoSeconds } from '../http/time';
import { flag, Validation } from '../http/validation';
import { found, inSpace, type Context } from './context';
import type { FakeResource, SeedContext } from './resource';
import { ticketToolId } from './statuses';
import type { WireTicket } from './tickets';

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

// Digest §9: written in any case, read back capitalised; an unknown or missing type is Text.
const TYPES: Record<string, string> = {
  text: 'Text',
  numeric: 'Numeric',
  date: 'Date',
  list: 'List',
  'team list': 'Team List',
};
const typeOf = (value: unknown): string => TYPES[String(value).toLowerCase().replace(/_/g, ' ')] ?? 'Text';

/** `POST /spaces/:space/tickets/custom_fields`: `title` required and unique; every ticket gets it, blank. */
const createField = inSpace((ctx, space) => {
  const fields = ctx.store.of('customFields', space.id);
  const now = isoSeconds(ctx.now);
  const draft: WireCustomField = {
    id: 0,
    space_tool_id: ticketToolId(ctx.store, space.id),
    type: 'Text',
    title: '',
    order: null,
    required: false,
    hide: false,
    default_value: null,
    created_at: now,
    updated_at: now,
  };
  const result = applyField(ctx, fields, draft, true);
  if ('errors' in result) return unprocessable(result.errors);
  const field = { ...result.field, id: ctx.store.nextId('customFields') };
  fields.push(field);
  retitle(ctx, space.id, (values) => ({ ...values, [field.title]: '' }));
  return json(field, 201, { Location: `${ctx.baseUrl}/v1/spaces/${space.id}/tickets/custom_fields/${field.id}` });
});

/** `PUT /spaces/:space/tickets/custom_fields/:id`: 204 (a type change is accepted); tickets follow a new title. */
const updateField = inSpace((ctx, space) => {
  const fields = ctx.store.of('customFields', space.id);
  const i = fields.findIndex((f) => f.id === Number(ctx.params.id));
  if (i < 0) return notFound();
  const before = fields[i];
  const result = applyField(ctx, fields, before, false);
  if ('errors' in result) return unprocessable(result.errors);
  const after = (fields[i] = { ...result.field, updated_at: isoSeconds(ctx.now) });
  if (after.title !== before.title)
    retitle(ctx, space.id, (values) =>
      Object.fromEntries(Object.entries(values).map(([k, v]) => [k === before.title ? after.title : k, v])),
    );
  else ctx.store.touch(space.id);
  return noContent();
});

/** `DELETE /spaces/:space/tickets/custom_fields/:id`: 204; its value leaves every ticket. */
const deleteField = inSpace((ctx, space) => {
  const fields = ctx.store.of('customFields', space.id);
  const i = fields.findIndex((f) => f.id === Number(ctx.params.id));
  if (i < 0) return notFound();
  const [gone] = fields.splice(i, 1);
  retitle(ctx, space.id, (values) => Object.fromEntries(Object.entries(values).filter(([k]) => k !== gone.title)));
  return noContent();
});

function applyField(
  ctx: Context,
  fields: readonly WireCustomField[],
  current: WireCustomField,
  creating: boolean,
): { field: WireCustomField } | { errors: FieldErrors } {
  const attrs = attributes(ctx.body, 'custom_field');
  const has = (name: string): boolean => attrs[name] !== undefined;
  const v = new Validation();
  const { list_options: options, ...rest } = current;
  const field: WireCustomField = { ...rest };
  if (creating || has('title')) {
    const others = fields.filter((f) => f.id !== current.id).map((f) => f.title);
    field.title = v.name('title', attrs.title, others) ?? field.title;
  }
  if (has('type')) field.type = typeOf(attrs.type);
  if (has('order')) field.order = nullable(attrs.order, (o) => v.integer('order', o)) ?? null;
  if (has('required')) field.required = flag(attrs.required);
  if (has('hide')) field.hide = flag(attrs.hide);
  if (has('default_value')) field.default_value = attrs.default_value === null ? null : String(attrs.default_value);
  if (v.failed) return { errors: v.errors };
  if (field.type !== 'List') return { field };
  // Only List fields have options, on the wire before the timestamps (the seeded Customer field).
  const { created_at, updated_at, ...head } = field;
  const list_options = has('list_options') ? optionsOf(attrs.list_options) : (options ?? []);
  return { field: { ...head, list_options, created_at, updated_at } };
}

/** List options, written comma-separated (or as an array), read as an array. */
function optionsOf(written: unknown): string[] {
  return (Array.isArray(written) ? written.map(String) : String(written ?? '').split(','))
    .map((o) => o.trim())
    .filter((o) => o !== '');
}

// Rewrites every ticket's `custom_fields` of a space (tickets are replaced, never changed in place).
function retitle(
  ctx: Context,
  spaceId: string,
  change: (values: WireTicket['custom_fields']) => WireTicket['custom_fields'],
): void {
  const tickets = ctx.store.tickets(spaceId);
  tickets.forEach((t, i) => {
    tickets[i] = { ...t, custom_fields: change(t.custom_fields) };
  });
  ctx.store.touch(spaceId);
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
    ['POST', '/spaces/:space/tickets/custom_fields', createField],
    ['PUT', '/spaces/:space/tickets/custom_fields/:id', updateField],
    ['DELETE', '/spaces/:space/tickets/custom_fields/:id', deleteField],
  ],
  seed,
};
