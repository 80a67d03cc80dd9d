// The read engine over every resource row, in virtual time against the local server's in-memory
// handler: for each row and each parent it is read from, the whole list is what the server holds
// (every page), arrives after the pages' frames, is cached (a second read sends nothing), and its
// cache entry carries the row's list tag and the parent's tag (the last block).
import { Observable, concatMap, map, of } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { Space, comments, tags, ticket, tickets } from '../../lib';
import type { QueryCache } from '../../lib/cache/query-cache';
import { invalidate, keysTagged } from '../../lib/cache/tags';
import type { Client } from '../../lib/engine/client';
import { listOf } from '../../lib/engine/read';
import { Scope, entityScope, expandRoute } from '../../lib/engine/scope';
import { linkOf } from '../../lib/engine/entities';
import * as rows from '../../lib/resources';
import type { AnyRow } from '../../lib/resources/row';
import { Virtual, virtualAssembla } from './virtual-assembla';

const ROWS: AnyRow[] = Object.values(rows);
const rowNamed = (name: string): AnyRow => ROWS.find((r) => r.name === name)!;

const scopeOf = (entity: object): Scope =>
  entityScope(
    linkOf<Client>(
      entity,
      'spec',
      ROWS.map((r) => r.name),
    ),
    entity,
  );

/** A parent of this kind from "Big Project": the space, or the first of the space's list of that kind. */
function parentOf(v: Virtual, kind: string): Observable<object> {
  const space$ = v.api.space({ name: 'Big Project' }) as Observable<object>;
  if (kind === 'space') return space$;
  return space$.pipe(
    concatMap((space) => listOf(rowNamed(kind), scopeOf(space), undefined, undefined, 'spec')),
    map((list) => list[0] as object),
  );
}

const cases = ROWS.flatMap((row) =>
  Object.entries(row.from).flatMap(([parent, source]) =>
    parent === 'api' || !source.path || source.read
      ? []
      : [[`the ${row.name} list of a ${parent}`, row, parent] as const],
  ),
);

describe('the read engine over every row (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it.each(cases)("%s: the server's whole list, every page, then cached", (_name, row, parentKind) =>
    marbles((m) => {
      const v = virtualAssembla(m, { tickets: 12 });
      let parent: object | undefined;
      parentOf(v, parentKind).subscribe((p) => (parent = p));
      m.flush();
      expect(parent).toBeDefined();
      const scope = scopeOf(parent!);
      const source = row.from[parentKind];
      // The server's own list (every item: one big page), as the truth.
      const query = new URLSearchParams({
        ...(source.params as Record<string, string>),
        per_page: '100',
      })
        .toString()
        .replace(/%7Bspace%7D/g, v.big.id);
      const truth = v.truth(`${expandRoute(source.path!, v.big.id, parent)}?${query}`);
      const ids = ((truth.json as Array<{ id: unknown }> | undefined) ?? []).map((o) => o.id);
      const before = v.calls.length;

      let got: unknown[] | undefined;
      listOf(row, scope, undefined, undefined, 'spec').subscribe((list) => (got = list));
      m.flush();
      expect(new Set((got as Array<{ id: unknown }>).map((o) => o.id))).toEqual(new Set(ids));
      const requests = v.calls.length - before;
      // A paged list costs its pages and at most 2 past its end (fewer when the server answers it
      // whole: then page 2 repeats page 1 and ends it); others one request.
      const paged = source.paged ?? row.paged;
      // The pages, counting the short or empty page that ends the list.
      const pages = Math.floor(ids.length / (row.perPage ?? 2)) + 1;
      if (paged) expect(requests).toBeLessThanOrEqual(pages + 2);
      else expect(requests).toBe(1);

      // Cached: the second read sends nothing and answers at once (no frame passes).
      let again: unknown[] | undefined;
      listOf(row, scope, undefined, undefined, 'spec').subscribe((list) => (again = list));
      expect(again).toHaveLength(ids.length);
      expect(v.calls.length - before).toBe(requests);
    })(),
  );

  it('leaves no row untested: every row is read from every parent it names', () => {
    const tested = new Set(cases.map(([, row]) => row));
    const untested = ROWS.filter((r) => !tested.has(r) && !('api' in r.from)).map((r) => r.name);
    expect(untested).toEqual([]);
  });
});

describe('cache tags of the engine (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'tags lists by row and parent, lookups by every identity: dropping one ticket refetches only its entries',
    marbles((m) => {
      const v = virtualAssembla(m, { tickets: 12 });
      let space: Space | undefined;
      v.api.space({ name: 'Big Project' }).subscribe((s) => (space = s));
      m.flush();
      const cache = space!.cache as QueryCache;
      const space$ = of(space!);
      const ticket5 = v.data.tickets[v.big.id].find((t) => t.number === 5)!;
      const read = <T>(o: Observable<T>): T => {
        let value: T | undefined;
        o.subscribe((x) => (value = x));
        m.flush();
        return value as T;
      };
      // Lookups first: once the space's whole list is cached, they are answered from it.
      read(space$.pipe(ticket({ id: ticket5.id })));
      read(space$.pipe(ticket({ number: 5 }), comments()));
      read(space$.pipe(ticket({ number: 5 }), tags()));
      read(space$.pipe(tickets()));

      const full = keysTagged(cache, 'tickets');
      expect(full).toEqual([expect.stringMatching(/\/tickets\?report=0&sort_by=number&sort_order=asc$/)]);
      // The ticket found by id is also tagged by its number; the lists under #5 carry #5's tag.
      expect(keysTagged(cache, 'ticket:number=5')).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/\/tickets\/5\/ticket_comments$/),
          expect.stringMatching(/\/tickets\/5\/tags$/),
          expect.stringMatching(`/tickets/id/${ticket5.id}$`),
        ]),
      );
      expect(keysTagged(cache, 'comments')).toEqual([expect.stringMatching(/\/tickets\/5\/ticket_comments$/)]);

      // Dropping #5's entries refetches exactly them; the space's list stays cached.
      invalidate(cache, 'ticket:number=5');
      const before = v.calls.length;
      read(space$.pipe(tickets()));
      expect(v.calls.length).toBe(before);
      read(space$.pipe(ticket({ number: 5 }), comments()));
      expect(v.calls.slice(before)).toEqual([expect.stringMatching(/\/tickets\/5\/ticket_comments$/)]);
    }),
  );
});
