import { Component } from '../codecs';
import { ResourceRow, defineResource } from './row';

/** A space's ticket components (digest §11; deprecated in favour of custom fields), unpaged. */
export const components: ResourceRow<Component> = defineResource<Component>({
  name: 'component',
  tag: 'components',
  codec: Component,
  from: { space: { path: '/spaces/{space}/ticket_components' } },
  lookups: [{ by: 'id', path: '/spaces/{space}/ticket_components/{id}' }],
  identity: 'id',
});
