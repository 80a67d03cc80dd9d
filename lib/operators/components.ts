import type { OperatorFunction } from 'rxjs';
import type { Component } from '../codecs';
import { listOperator, scoped } from '../engine/operators';
import type { Space } from '../engine/entities';
import type { Filter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import { creating, deleting, updating } from '../engine/optimistic';
import type { WriteOptions } from '../engine/write';
import { componentWrites, components as row, type NewComponent } from '../resources/components';

/**
 * The ticket components of each upstream space that match (deprecated by Assembla in favour of
 * custom fields). One request, cached.
 *
 * @example space$.pipe(components())
 */
export function components(filter?: Filter<Component>, options?: LiveOptions): OperatorFunction<Space, Component[]> {
  return listOperator(row, 'components', filter, options);
}

/**
 * Creates a component in each upstream space: one POST of its bare name, answered with the
 * component, which joins the space's cached component list at the end.
 *
 * @example space$.pipe(createComponent({ name: 'Frontend' }))
 */
export function createComponent(attributes: NewComponent, options?: WriteOptions): OperatorFunction<Space, Component> {
  return scoped({ name: 'createComponent', from: ['space'] }, row, (scope) =>
    creating(componentWrites, scope, attributes, 'createComponent', options),
  );
}

/**
 * Renames each upstream component: a PUT of its bare name, then the component read back (two
 * requests), in place of its old copy in the space's cached list.
 *
 * @example space$.pipe(components(), concatMap((cs) => cs), take(1), updateComponent({ name: 'Web' }))
 */
export function updateComponent(
  attributes: NewComponent,
  options?: WriteOptions,
): OperatorFunction<Component, Component> {
  return scoped({ name: 'updateComponent', from: ['component'] }, row, (scope) =>
    updating(componentWrites, scope, attributes, 'updateComponent', options),
  );
}

/**
 * Deletes each upstream component (one DELETE) and emits it, as it was; it leaves the space's cached list.
 *
 * @example space$.pipe(components(), concatMap((cs) => cs), take(1), deleteComponent())
 */
export function deleteComponent(options?: WriteOptions): OperatorFunction<Component, Component> {
  return scoped({ name: 'deleteComponent', from: ['component'] }, row, (scope) =>
    deleting(componentWrites, scope, options),
  );
}
