// The typed change feed: what the poller learns from a space's activity stream (digest §15), one
// value per change, as `changes()` emits it and as live queries act on it.

/**
 * One change to an entity of a space, as the activity stream reported it: `kind` is the changed
 * entity's row name (`ticket`, `comment`, `milestone`, `wiki page`, `document`), `number` a ticket's
 * number and `id` any other entity's id (a comment's ticket in `ticket`), `at` when it happened and
 * `by` who did it.
 *
 * @example
 * { kind: 'ticket', operation: 'updated', number: 201, spaceId: 's1', at: new Date(), by: { id: 'u1', name: 'Ann' } }
 */
export interface Change {
  readonly kind: string;
  /** As the stream says it: `created`, `updated`, `deleted`, `commented`, `set to fixed`... */
  readonly operation: string;
  readonly spaceId: string;
  /** A ticket's number (tickets, and the ticket of a comment). */
  readonly number?: number;
  /** The entity's id, for kinds not named by a number. */
  readonly id?: string;
  readonly at: Date;
  readonly by: { readonly id: string; readonly name: string };
}
