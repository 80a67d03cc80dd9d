import type { OperatorFunction } from 'rxjs';
import type { Component } from '../codecs';
import { listOperator } from '../engine/operators';
import type { Space } from '../engine/entities';
import type { Filter } from '../engine/filters';
import { components as row } from '../resources/components';

/**
 * The ticket components of each upstream space that match (deprecated by Assembla in favour of
 * custom fields). One request, cached.
 *
 * @example space$.pipe(components())
 */
export function components(filter?: Filter<Component>): OperatorFunction<Space, Component[]> {
  return listOperator(row, 'components', filter);
}
