import { Observable, defer, map, of } from 'rxjs';
import { Client } from '../client';
import { codecs } from '../codecs';
import type { Space } from '../entities';
import { FilterError } from '../core/errors';
import { Filter, compileFilter } from '../filters';
import { matchDirect, single } from './single';

const LIST = '/spaces';

/** All spaces the credentials can see, filtered; cached whole in `assembla.cache`. */
export function listSpaces(client: Client, filter?: Filter<Space>): Observable<Space[]> {
  return defer(() => {
    const f = compileFilter(filter, codecs.Space, 'spaces');
    return client.spacesCache
      .get(LIST, () => client.list(codecs.Space, LIST, { kind: 'space' }) as Observable<Space[]>)
      .pipe(map((list) => list.filter((s) => f.test(s))));
  });
}

/**
 * The one space that matches. By `id` or `wiki_name` it is one direct GET (unless the list of
 * spaces is cached); by any other field the list of spaces is read (and cached).
 */
export function findSpace(client: Client, filter: Filter<Space>): Observable<Space> {
  return defer(() => {
    const f = compileFilter(filter, codecs.Space, 'space');
    if (f.entries.length === 0) throw new FilterError("space() needs a filter, e.g. space({ name: 'Big Project' })");
    const cached = client.spacesCache.peek<Space[]>(LIST);
    if (cached) return of(single(cached, f, 'space', 'your spaces'));
    const direct = f.get('id') ?? f.get('wiki_name');
    if (typeof direct !== 'string')
      return listSpaces(client).pipe(map((list) => single(list, f, 'space', 'your spaces')));
    const path = `/spaces/${encodeURIComponent(direct)}`;
    return client.spacesCache
      .get(path, () => client.one(codecs.Space, path, { kind: 'space' }) as Observable<Space>)
      .pipe(matchDirect(f, 'space', 'your spaces'));
  });
}
