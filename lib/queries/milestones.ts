import { Observable, defer, map, of } from 'rxjs';
import { Client } from '../client';
import { codecs } from '../codecs';
import type { Link, Milestone } from '../entities';
import { FilterError } from '../core/errors';
import { Filter, compileFilter } from '../filters';
import { matchDirect, single } from './single';

/** `/milestones/all`: every milestone, completed ones included (plain `/milestones` lists only some). */
function allPath(spaceId: string): string {
  return `/spaces/${spaceId}/milestones/all`;
}

/** All milestones of the space that match, cached whole in the space cache. */
export function listMilestones(link: Link<Client>, filter?: Filter<Milestone>): Observable<Milestone[]> {
  return defer(() => {
    const f = compileFilter(filter, codecs.Milestone, 'milestones');
    const { client, spaceId } = link;
    const path = allPath(spaceId);
    return client
      .spaceCache(spaceId)
      .get(Client.key(path), () => client.all(codecs.Milestone, path, { kind: 'milestone', spaceId }))
      .pipe(map((list) => list.filter((m) => f.test(m))));
  });
}

/**
 * The one milestone with this title, or matching this filter; by `id` it is one direct GET unless the list
 * is cached.
 */
export function findMilestone(link: Link<Client>, titleOrFilter: string | Filter<Milestone>): Observable<Milestone> {
  return defer(() => {
    const filter = typeof titleOrFilter === 'string' ? { title: titleOrFilter } : titleOrFilter;
    const f = compileFilter(filter, codecs.Milestone, 'milestone');
    if (f.entries.length === 0)
      throw new FilterError("milestone() needs a title or a filter, e.g. milestone('Release Candidate 1')");
    const { client, spaceId } = link;
    const where = `space ${spaceId}`;
    const cache = client.spaceCache(spaceId);
    const cached = cache.peek<Milestone[]>(Client.key(allPath(spaceId)));
    if (cached) return of(single(cached, f, 'milestone', where));
    const id = f.get('id');
    if (typeof id !== 'number') return listMilestones(link).pipe(map((list) => single(list, f, 'milestone', where)));
    const path = `/spaces/${spaceId}/milestones/${id}`;
    return cache
      .get(path, () => client.one(codecs.Milestone, path, { kind: 'milestone', spaceId }))
      .pipe(matchDirect(f, 'milestone', where));
  });
}
