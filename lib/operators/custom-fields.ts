import type { OperatorFunction } from 'rxjs';
import type { CustomField } from '../codecs';
import { listOperator, scoped } from '../engine/operators';
import { creating, deleting, updating } from '../engine/optimistic';
import type { WriteOptions } from '../engine/write';
import type { Space } from '../engine/entities';
import type { Filter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import {
  CustomFieldAttributes,
  NewCustomField,
  customFieldWrites,
  customFields as row,
} from '../resources/custom-fields';

/**
 * The custom field definitions of each upstream space that match. `type` is as the server spells it
 * (`'Text'`, `'List'`, ...); `list_options` is an array for list fields. One request, cached.
 *
 * @example space$.pipe(customFields({ type: 'List' }))
 */
export function customFields(
  filter?: Filter<CustomField>,
  options?: LiveOptions,
): OperatorFunction<Space, CustomField[]> {
  return listOperator(row, 'customFields', filter, options);
}

/**
 * Creates a custom field in each upstream space: one POST (`title` and `type` are required),
 * answered with the field as the server made it (`type` capitalised), which joins the space's
 * cached field list at the end. Every ticket gets the field on the server, so the space's cached
 * tickets are read again when next asked for. A lost answer is an `UncertainWriteError` (never
 * sent twice), whose `lookup()` finds the field by its title.
 *
 * @example space$.pipe(createCustomField({ title: 'Build', type: 'text' }))
 */
export function createCustomField(
  attributes: NewCustomField,
  options?: WriteOptions,
): OperatorFunction<Space, CustomField> {
  return scoped({ name: 'createCustomField', from: ['space'] }, row, (scope) =>
    creating(customFieldWrites, scope, attributes, 'createCustomField', options),
  );
}

/**
 * Sets the attributes of each upstream custom field: a PUT, then the field read back (two
 * requests), emitted as the server now has it and put in place of its old copy in the space's
 * cached field list. Tickets hold values by title, so the space's cached tickets are read again.
 *
 * @example
 * space$.pipe(customFields({ title: 'Build' }), concatMap((f) => f), updateCustomField({ title: 'Build number' }))
 */
export function updateCustomField(
  attributes: CustomFieldAttributes,
  options?: WriteOptions,
): OperatorFunction<CustomField, CustomField> {
  return scoped({ name: 'updateCustomField', from: ['custom field'] }, row, (scope) =>
    updating(customFieldWrites, scope, attributes, 'updateCustomField', options),
  );
}

/**
 * Deletes each upstream custom field (one DELETE) and emits it, as it was; it leaves the space's
 * cached field list, and its value leaves every ticket (cached tickets are read again).
 *
 * @example space$.pipe(customFields({ title: 'Build' }), concatMap((f) => f), deleteCustomField())
 */
export function deleteCustomField(options?: WriteOptions): OperatorFunction<CustomField, CustomField> {
  return scoped({ name: 'deleteCustomField', from: ['custom field'] }, row, (scope) =>
    deleting(customFieldWrites, scope, options),
  );
}
