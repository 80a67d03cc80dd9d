import { TicketStatus } from '../codecs';
import { AttributeType, ResourceRow, Writes, defineResource } from './row';
import { tickets } from './tickets';

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

/**
 * What a status write may set (digest §8).
 *
 * @example space$.pipe(statuses({ name: 'Deploy' }), concatMap((s) => s), updateStatus({ name: 'Deployed' }))
 */
export interface StatusAttributes {
  /** Unique in the space; the tickets in this status follow a new name. */
  readonly name?: string;
  /** 1 open, 0 closed; the tickets in this status follow it. */
  readonly state?: 0 | 1;
  /** The position in the workflow; a new status comes last. */
  readonly list_order?: number;
}

/**
 * A new status's attributes: `name` and `state` are required.
 *
 * @example space$.pipe(createStatus({ name: 'Deploy', state: 1 }))
 */
export interface NewStatus extends StatusAttributes {
  readonly name: string;
  readonly state: 0 | 1;
}

const attributes: Readonly<Record<keyof NewStatus, AttributeType>> = {
  name: 'string',
  state: [0, 1],
  list_order: 'integer',
};

/**
 * Status writes (digest §8; spec/fixtures/recordings/ticket-statuses/create.json, edit.json,
 * delete.json): POST answers 201 with the status (placed in the cached list by `list_order`), PUT
 * and DELETE 204. A ticket's `status` is its status's name and its `state` the status's state
 * (lib/testing/resources/statuses.ts updateStatus): after an update the space's cached tickets
 * are read again. A delete leaves tickets as they are (the API does not say otherwise).
 */
// A plain object, not a call: a bundler drops it from a page that only reads (a call it would keep).
export const statusWrites: Writes<TicketStatus> = {
  row: statuses,
  attributes,
  create: {
    path: '/spaces/{space}/tickets/statuses',
    body: { encoding: 'rails', key: 'status' },
    required: ['name', 'state'],
    // Names are unique in a space (the server trims them).
    find: { path: '/spaces/{space}/tickets/statuses', match: (s, sent) => s.name === String(sent.name).trim() },
  },
  update: {
    path: '/spaces/{space}/tickets/statuses/{id}',
    body: { encoding: 'rails', key: 'status' },
    changes: () => [tickets],
  },
  delete: { path: '/spaces/{space}/tickets/statuses/{id}' },
};
