import { Component } from '../codecs';
import { AttributeType, ResourceRow, Writes, defineResource } from './row';

/** A space's ticket components (digest §11; deprecated in favour of custom fields), unpaged. */
export const components: ResourceRow<Component> = defineResource<Component>({
  name: 'component',
  tag: 'components',
  codec: Component,
  from: { space: { path: '/spaces/{space}/ticket_components' } },
  lookups: [{ by: 'id', path: '/spaces/{space}/ticket_components/{id}' }],
  identity: 'id',
});

/**
 * What a component write sets: its name, unique in the space (digest §11).
 *
 * @example space$.pipe(createComponent({ name: 'Frontend' }))
 */
export interface NewComponent {
  readonly name: string;
}

const attributes: Readonly<Record<keyof NewComponent, AttributeType>> = { name: 'string' };

/**
 * Component writes (digest §11): the body is the bare name, `{"component": "Frontend"}`, not a
 * wrapped object (lib/testing/resources/components.ts); POST answers 201 with `{ id, name }`, PUT
 * and DELETE 204. A new component is listed last (the server lists them in creation order).
 */
// A plain object, not a call: a bundler drops it from a page that only reads (a call it would keep).
export const componentWrites: Writes<Component> = {
  row: components,
  attributes,
  create: {
    path: '/spaces/{space}/ticket_components',
    body: { encoding: 'bare', key: 'component', attribute: 'name' },
    required: ['name'],
    appends: true,
    find: { path: '/spaces/{space}/ticket_components', match: (c, sent) => c.name === String(sent.name).trim() },
  },
  update: {
    path: '/spaces/{space}/ticket_components/{id}',
    body: { encoding: 'bare', key: 'component', attribute: 'name' },
  },
  delete: { path: '/spaces/{space}/ticket_components/{id}' },
};
