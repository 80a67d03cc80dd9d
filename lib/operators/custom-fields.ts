import type { OperatorFunction } from 'rxjs';
import type { CustomField } from '../codecs';
import { listOperator } from '../engine/operators';
import type { Space } from '../engine/entities';
import type { Filter } from '../engine/filters';
import { customFields as row } from '../resources/custom-fields';

/**
 * The custom field definitions of each upstream space that match. `type` is as the server spells it
 * (`'Text'`, `'List'`, ...); `list_options` is an array for list fields. One request, cached.
 *
 * @example space$.pipe(customFields({ type: 'List' }))
 */
export function customFields(filter?: Filter<CustomField>): OperatorFunction<Space, CustomField[]> {
  return listOperator(row, 'customFields', filter);
}
