import { TicketStatus } from '../codecs';
import { ResourceRow, defineResource } from './row';

/** A space's ticket statuses (digest §8), unpaged, in `list_order`. */
export const statuses: ResourceRow<TicketStatus> = defineResource<TicketStatus>({
  name: 'status',
  tag: 'statuses',
  codec: TicketStatus,
  from: { space: { path: '/spaces/{space}/tickets/statuses' } },
  lookups: [{ by: 'id', path: '/spaces/{space}/tickets/statuses/{id}' }],
  identity: 'id',
  order: (a, b) => a.list_order - b.list_order || a.id - b.id,
  describe: (s) => `status "${s.name}"`,
});
