// The revalidator in virtual time against the local server's in-memory handler: the first call
// reads plainly (no ETag yet), then a 304 costs no decoding, and a change on the server replaces
// the cached list, which the list query then answers without a request.
import { Observable, concat, concatMap, defer, map, shareReplay } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { Space, TicketStatus, codecs, createStatus, statuses } from '../../lib';
import type { Client } from '../../lib/engine/client';
import { linkOf } from '../../lib/engine/entities';
import { entityScope } from '../../lib/engine/scope';
import { revalidator } from '../../lib/live/revalidate';
import { statuses as row } from '../../lib/resources/statuses';
import { virtualAssembla } from './virtual-assembla';

describe('the revalidator (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'reads plainly first, then a 304 decodes nothing, and a change on the server replaces the cached list',
    marbles((m) => {
      const v = virtualAssembla(m);
      const parse = jest.spyOn(codecs.TicketStatus as unknown as { parse: (u: unknown) => unknown }, 'parse');
      const space$ = v.api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const held = v.data.statuses[v.big.id];
      const names = (list: ReadonlyArray<{ name: string; list_order: number }>) =>
        [...list]
          .sort((x, y) => x.list_order - y.list_order)
          .map((s) => s.name)
          .join();
      const renamed = held.map((s, i) => (i === 0 ? { ...s, name: 'Triage' } : s));
      let first: TicketStatus[] = [];
      let last: TicketStatus[] = [];
      const run$: Observable<unknown> = space$.pipe(
        concatMap((space: Space) => {
          const again = revalidator(row, entityScope(linkOf<Client>(space, 'spec', ['space']), space));
          const read = (keep: (list: TicketStatus[]) => void) =>
            space$.pipe(
              statuses(),
              map((list) => (keep(list), names(list))),
            );
          return concat(
            read((list) => (first = list)),
            again(),
            again(),
            defer(() => {
              held[0] = { ...held[0], name: 'Triage' };
              return again();
            }),
            read((list) => (last = list)),
          );
        }),
      );
      // The space at 2, the statuses at 4, then one request every 2 frames; the last read is cached.
      m.expect(run$).toBeObservable('----a-f-f-(tb|)', { a: names(held), f: false, t: true, b: names(renamed) });
      m.flush();
      expect(v.calls.filter((c) => c.includes('/statuses'))).toHaveLength(4);
      // Decoded: the read, the first (plain) call and the changed answer; the 304 nothing.
      expect(parse).toHaveBeenCalledTimes(3 * held.length);
      // The renamed status is a new object; every other one is the object the cache held before.
      const firstById = new Map(first.map((s) => [s.id, s]));
      expect(last.map((s) => s === firstById.get(s.id))).toEqual(last.map((s) => s.name !== 'Triage'));
      expect(last.filter((s) => s.name === 'Triage')).toHaveLength(1);
      parse.mockRestore();
    }),
  );

  it(
    'a write that lands while a re-read is in flight wins: the older answer does not replace the list it patched',
    marbles((m) => {
      let slow = false;
      // The re-read of the statuses is answered as the server stood when it was sent, 20 frames later.
      const latency = (call: { method: string; url: string }) =>
        slow && call.method === 'GET' && call.url.endsWith('/statuses') ? 20 : 2;
      const v = virtualAssembla(m, { latency });
      const space$ = v.api.space({ name: 'Big Project' }).pipe(shareReplay(1));
      const at = (n: number, run: () => void) => m.scheduler.schedule(run, n);
      let again: (() => Observable<boolean>) | undefined;
      let said: boolean | undefined;
      let after: string[] = [];
      space$.subscribe(
        (space) => (again = revalidator(row, entityScope(linkOf<Client>(space, 'spec', ['space']), space))),
      );
      at(3, () => space$.pipe(statuses()).subscribe());
      at(10, () => again!().subscribe());
      at(20, () => {
        // Someone renames a status; the re-read that sees it is slow; meanwhile the SDK creates one.
        v.change('PUT', `/spaces/${v.big.id}/tickets/statuses/${v.data.statuses[v.big.id][0].id}`, {
          status: { name: 'Triage' },
        });
        slow = true;
        again!().subscribe((changed) => (said = changed));
        slow = false;
        space$.pipe(createStatus({ name: 'Deploy', state: 1 })).subscribe();
      });
      at(60, () => space$.pipe(statuses()).subscribe((list) => (after = list.map((x) => x.name))));
      m.flush();
      expect(said).toBe(false);
      expect(after).toContain('Deploy');
    }),
  );
});
