import { CustomField } from '../codecs';
import { AttributeType, ResourceRow, Writes, defineResource } from './row';
import { tickets } from './tickets';

/** A space's custom field definitions (digest §9), unpaged. */
export const customFields: ResourceRow<CustomField> = defineResource<CustomField>({
  name: 'custom field',
  tag: 'customFields',
  codec: CustomField,
  from: { space: { path: '/spaces/{space}/tickets/custom_fields' } },
  lookups: [{ by: 'id', path: '/spaces/{space}/tickets/custom_fields/{id}' }],
  identity: 'id',
  describe: (f) => `custom field "${f.title}"`,
});

/** A custom field's type as written: in any case (digest §9), read back capitalised. */
export type CustomFieldType =
  'text' | 'numeric' | 'date' | 'list' | 'team list' | 'Text' | 'Numeric' | 'Date' | 'List' | 'Team List';

const TYPES: readonly CustomFieldType[] = ['text', 'numeric', 'date', 'list', 'team list'];

/**
 * What a custom field write may set (digest §9).
 *
 * @example
 * space$.pipe(customFields({ title: 'Build' }), concatMap((f) => f), updateCustomField({ title: 'Build number' }))
 */
export interface CustomFieldAttributes {
  /** Unique in the space; tickets' `custom_fields` follow a new title. */
  readonly title?: string;
  /** A type change is accepted. */
  readonly type?: CustomFieldType;
  /** Bigger is higher on the ticket page. */
  readonly order?: number | null;
  readonly required?: boolean;
  readonly hide?: boolean;
  /** Text; `YYYY-MM-DD` for a date field, a user id for a team list, an entry for a list. */
  readonly default_value?: string | null;
  /** A list field's entries (sent comma-separated: an entry cannot hold a comma). */
  readonly list_options?: readonly string[];
}

/**
 * A new custom field's attributes: `title` and `type` are required.
 *
 * @example space$.pipe(createCustomField({ title: 'Build', type: 'text' }))
 */
export interface NewCustomField extends CustomFieldAttributes {
  readonly title: string;
  readonly type: CustomFieldType;
}

const attributes: Readonly<Record<keyof NewCustomField, AttributeType>> = {
  title: 'string',
  type: [...TYPES, ...TYPES.map((t) => t.replace(/\b\w/g, (c) => c.toUpperCase()))],
  order: 'integer?',
  required: 'boolean',
  hide: 'boolean',
  default_value: 'string?',
  list_options: 'csv',
};

/**
 * Custom field writes (digest §9; spec/fixtures/recordings/ticket-custom-fields/create.json,
 * edit.json, delete.json): POST answers 201 with the field, PUT and DELETE 204. A new field is
 * listed last (lib/testing/resources/custom-fields.ts). Every ticket holds a value under each
 * field's title, so a create, a rename and a delete change every ticket of the space
 * (custom-fields.ts retitle): the space's cached tickets are read again after each.
 */
// A plain object, not a call: a bundler drops it from a page that only reads (a call it would keep).
export const customFieldWrites: Writes<CustomField> = {
  row: customFields,
  attributes,
  create: {
    path: '/spaces/{space}/tickets/custom_fields',
    body: { encoding: 'rails', key: 'custom_field' },
    required: ['title', 'type'],
    appends: true,
    changes: () => [tickets],
    // Titles are unique in a space (the server trims them).
    find: {
      path: '/spaces/{space}/tickets/custom_fields',
      match: (f, sent) => f.title === String(sent.title).trim(),
    },
  },
  update: {
    path: '/spaces/{space}/tickets/custom_fields/{id}',
    body: { encoding: 'rails', key: 'custom_field' },
    changes: () => [tickets],
  },
  delete: { path: '/spaces/{space}/tickets/custom_fields/{id}', changes: () => [tickets] },
};
