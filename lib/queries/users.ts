import { Observable, defer, map, switchMap } from 'rxjs';
import { Client } from '../client';
import { codecs } from '../codecs';
import type { Link, Milestone, User } from '../entities';
import { FilterError } from '../core/errors';
import { Filter, compileFilter } from '../filters';
import { single } from './single';
import { listTickets } from './tickets';

/** Where users are looked for: a space's members, or a milestone's (the assignees of its tickets). */
export interface UserScope {
  readonly link: Link<Client>;
  readonly entity: object;
}

/** The space's users (one unpaged request, cached); for a milestone, those assigned to at least one of its tickets. */
function scopeUsers(scope: UserScope): Observable<User[]> {
  const { client, spaceId } = scope.link;
  const path = `/spaces/${spaceId}/users`;
  const members = client
    .spaceCache(spaceId)
    .get(Client.key(path), () => client.list(codecs.User, path, { kind: 'user', spaceId }));
  if (scope.link.kind !== 'milestone') return members;
  return listTickets(scope).pipe(
    switchMap((tickets) => {
      const assignees = new Set(tickets.map((t) => t.assigned_to_id));
      return members.pipe(map((users) => users.filter((u) => assignees.has(u.id))));
    }),
  );
}

/** The scope's users that match the filter. */
export function listUsers(scope: UserScope, filter?: Filter<User>): Observable<User[]> {
  return defer(() => {
    const f = compileFilter(filter, codecs.User, 'users');
    return scopeUsers(scope).pipe(map((list) => list.filter((u) => f.test(u))));
  });
}

/** The one user of the scope that matches. */
export function findUser(scope: UserScope, filter: Filter<User>): Observable<User> {
  return defer(() => {
    const f = compileFilter(filter, codecs.User, 'user');
    if (f.entries.length === 0) throw new FilterError("user() needs a filter, e.g. user({ name: 'John Smith' })");
    const where =
      scope.link.kind === 'milestone'
        ? `milestone "${(scope.entity as Milestone).title}"`
        : `space ${scope.link.spaceId}`;
    return scopeUsers(scope).pipe(map((list) => single(list, f, 'user', where)));
  });
}
