import { CustomField } from '../codecs';
import { ResourceRow, defineResource } from './row';

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
