import { EMPTY, Observable, catchError, concatMap, defer, map, mergeMap, of, shareReplay, throwError } from 'rxjs';
import { Client, ListPaging } from '../client';
import { codecs } from '../codecs';
import type { Link, Milestone, Ticket, User } from '../entities';
import { FilterError, NotFoundError } from '../core/errors';
import { CompiledFilter, Filter, QueryOptions, compileFilter } from '../filters';
import type { LastItem } from '../paging/paginate';
import type { Params } from '../transport/types';
import { matchDirect, single } from './single';

/** Where tickets are looked for: a space, a milestone's tickets, or a user's tickets. */
export interface TicketScope {
  readonly link: Link<Client>;
  readonly entity: object;
}

/**
 * The whole list of a space's tickets: all reports (`report=0` — the default report may hide closed ones),
 * in a stable order so edits during a long read do not shift pages.
 */
function fullList(spaceId: string, options?: QueryOptions): { path: string; params: Params } {
  return {
    path: `/spaces/${spaceId}/tickets`,
    params: { report: 0, sort_by: 'number', sort_order: 'asc', ...options?.params },
  };
}

/**
 * The last ticket of a space's list sorted by number: the highest-numbered one (one ticket, sorted
 * descending). Ticket numbers are unique and start at 1, so its number also bounds the list's
 * length. Paging checks it rather than trusts it (see `PagingOptions.last`); nothing if the answer
 * is not what we expect.
 */
function lastTicket(client: Client, spaceId: string, params: Params): Observable<LastItem> {
  const path = `/spaces/${spaceId}/tickets`;
  return client.transport
    .request({
      method: 'GET',
      path,
      params: { ...params, sort_by: 'number', sort_order: 'desc', page: 1, per_page: 1 },
    })
    .pipe(
      mergeMap((reply) => {
        const top = Array.isArray(reply.json)
          ? (reply.json[0] as { id?: unknown; number?: unknown } | undefined)
          : undefined;
        return top && typeof top.id === 'number' && typeof top.number === 'number'
          ? of({ id: top.id, maxItems: top.number })
          : EMPTY;
      }),
    );
}

/**
 * How a space's ticket list is paged. Sorted by number ascending, it ends with its highest-numbered
 * ticket (the `last` probe bounds it); sorted otherwise, nothing bounds it. The space's whole list
 * (every report, nothing else asked) sorted so is also checked for tickets that deletions during
 * the read shifted out of sight (`gaps`): the `number[]` selection ignores reports and filters, so
 * a narrower list cannot be checked that way.
 */
function spacePaging(client: Client, spaceId: string, params: Params): ListPaging<Ticket> {
  if (params.sort_by !== 'number' || (params.sort_order ?? 'asc') !== 'asc') return {};
  // One probe, shared: the gap check at the end waits for it if it is still on its way.
  let probe: Observable<LastItem> | undefined;
  const last = (): Observable<LastItem> =>
    (probe = lastTicket(client, spaceId, params).pipe(shareReplay({ bufferSize: 1, refCount: true })));
  const whole = Object.keys(params).length === 3 && String(params.report) === '0';
  if (!whole) return { last };
  const path = `/spaces/${spaceId}/tickets`;
  // A 404 would mean none of them exists (the real API answers an empty selection with a 204).
  const byNumbers = (numbers: readonly number[]): Observable<Ticket[]> =>
    client
      .list(codecs.Ticket, path, { kind: 'ticket', spaceId }, { 'number[]': numbers })
      .pipe(catchError((e: unknown) => (e instanceof NotFoundError ? of([]) : throwError(() => e))));
  return {
    last,
    gaps: {
      numberOf: (t) => t.number,
      byNumbers,
      highest: () => (probe ? probe.pipe(map((top) => top.maxItems)) : EMPTY),
    },
  };
}

function milestoneList(
  spaceId: string,
  milestone: Milestone,
  options?: QueryOptions,
): { path: string; params: Params | undefined } {
  return { path: `/spaces/${spaceId}/tickets/milestone/${milestone.id}`, params: options?.params };
}

/** What the scope keeps of a space's tickets: all of them, a milestone's, or the ones assigned to a user. */
function inScope(scope: TicketScope): (t: Ticket) => boolean {
  switch (scope.link.kind) {
    case 'milestone':
      return (t) => t.milestone_id === (scope.entity as Milestone).id;
    case 'user':
      return (t) => t.assigned_to_id === (scope.entity as User).id;
    default:
      return () => true;
  }
}

function describeScope(scope: TicketScope): string {
  switch (scope.link.kind) {
    case 'milestone':
      return `milestone "${(scope.entity as Milestone).title}"`;
    case 'user':
      return `the tickets of user "${(scope.entity as User).name}"`;
    default:
      return `space ${scope.link.spaceId}`;
  }
}

const byNumber = (a: Ticket, b: Ticket): number => a.number - b.number;

/**
 * The scope's tickets, whole, through the space cache. A milestone's come from
 * `/tickets/milestone/:id` unless the space's full list is cached already (same answer: open and
 * closed tickets whose milestone_id is the milestone's); a user's are the space's assigned to them.
 */
function scopeTickets(scope: TicketScope, options?: QueryOptions): Observable<Ticket[]> {
  const { client, spaceId } = scope.link;
  const cache = client.spaceCache(spaceId);
  const full = fullList(spaceId, options);
  const fullKey = Client.key(full.path, full.params);
  const keep = inScope(scope);
  if (scope.link.kind === 'milestone' && !cache.peek(fullKey)) {
    const m = milestoneList(spaceId, scope.entity as Milestone, options);
    return cache.get(Client.key(m.path, m.params), () =>
      client.all(codecs.Ticket, m.path, { kind: 'ticket', spaceId }, m.params).pipe(map((list) => list.sort(byNumber))),
    );
  }
  return cache
    .get(fullKey, () =>
      client.all(
        codecs.Ticket,
        full.path,
        { kind: 'ticket', spaceId },
        full.params,
        spacePaging(client, spaceId, full.params),
      ),
    )
    .pipe(map((list) => (scope.link.kind === 'space' ? list : list.filter(keep))));
}

/** The scope's tickets that match the filter, as one array. */
export function listTickets(scope: TicketScope, filter?: Filter<Ticket>, options?: QueryOptions): Observable<Ticket[]> {
  return defer(() => {
    const f = compileFilter(filter, codecs.Ticket, 'tickets');
    return scopeTickets(scope, options).pipe(map((list) => list.filter((t) => f.test(t))));
  });
}

/**
 * The one ticket that matches. By `number` (or `id`) it is one direct GET, cached, unless a list
 * that holds the answer is cached already; by other fields the scope's list is read.
 */
export function findTicket(scope: TicketScope, filter: Filter<Ticket>): Observable<Ticket> {
  return defer(() => {
    const f = compileFilter(filter, codecs.Ticket, 'ticket');
    if (f.entries.length === 0) throw new FilterError('ticket() needs a filter, e.g. ticket({ number: 201 })');
    const where = describeScope(scope);
    const cached = cachedScopeList(scope);
    if (cached) return of(single(cached, f, 'ticket', where));
    const number = f.get('number');
    const id = f.get('id');
    if (typeof number !== 'number' && typeof id !== 'number')
      return listTickets(scope).pipe(map((list) => single(list, f, 'ticket', where)));
    return directTicket(scope, typeof number === 'number' ? { number } : { id: id as number }).pipe(
      matchDirect(f, 'ticket', where, inScope(scope)),
    );
  });
}

/** `/tickets/:number` or `/tickets/id/:id`, through the space cache. */
function directTicket(scope: TicketScope, ref: { number: number } | { id: number }): Observable<Ticket> {
  const { client, spaceId } = scope.link;
  const path = 'number' in ref ? `/spaces/${spaceId}/tickets/${ref.number}` : `/spaces/${spaceId}/tickets/id/${ref.id}`;
  return client.spaceCache(spaceId).get(path, () => client.one(codecs.Ticket, path, { kind: 'ticket', spaceId }));
}

/** The scope's tickets when a cached list already holds them all; undefined otherwise. */
function cachedScopeList(scope: TicketScope): Ticket[] | undefined {
  const { client, spaceId } = scope.link;
  const cache = client.spaceCache(spaceId);
  const full = fullList(spaceId);
  const all = cache.peek<Ticket[]>(Client.key(full.path, full.params));
  if (all) return scope.link.kind === 'space' ? all : all.filter(inScope(scope));
  if (scope.link.kind === 'milestone') {
    const m = milestoneList(spaceId, scope.entity as Milestone);
    return cache.peek<Ticket[]>(Client.key(m.path, m.params));
  }
  return undefined;
}

/**
 * The scope's matching tickets one by one as their pages arrive. Never fills a cache (that would
 * break the memory bound); reads a cached list when there is one, and otherwise shares identical
 * page requests in flight through the request stream.
 */
export function streamScopeTickets(
  scope: TicketScope,
  filter?: Filter<Ticket>,
  options?: QueryOptions,
): Observable<Ticket> {
  return scopeTicketPages('streamTickets', scope, filter, options).pipe(concatMap((page) => page));
}

/**
 * The same tickets page by page (a page may be empty once filtered; a cached list is one page).
 * `release`, when given, paces the paging by the consumer (`PagingOptions.release`); `query` names
 * the caller in filter errors.
 */
export function scopeTicketPages(
  query: string,
  scope: TicketScope,
  filter?: Filter<Ticket>,
  options?: QueryOptions,
  release?: Observable<unknown>,
): Observable<Ticket[]> {
  return defer(() => {
    const f: CompiledFilter = compileFilter(filter, codecs.Ticket, query);
    const keep = inScope(scope);
    const cached = options?.params ? undefined : cachedScopeList(scope);
    if (cached) return of(cached.filter((t) => f.test(t)));
    const { client, spaceId } = scope.link;
    const source =
      scope.link.kind === 'milestone'
        ? milestoneList(spaceId, scope.entity as Milestone, options)
        : fullList(spaceId, options);
    const paging = scope.link.kind === 'milestone' ? {} : spacePaging(client, spaceId, source.params ?? {});
    return client
      .pages(codecs.Ticket, source.path, { kind: 'ticket', spaceId }, source.params, {
        rememberPages: 2,
        ...paging,
        release,
      })
      .pipe(map((page) => page.filter((t) => keep(t) && f.test(t))));
  });
}
