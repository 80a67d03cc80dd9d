// The revalidation of the lists the change log does not report, over real HTTP against the local
// server: unchanged lists cost one 304 a page and no decoding; a change made by another client
// replaces the cached list (unchanged entities keep their identity); a server that never answers
// 304, or that writes timestamps at another offset on each call, costs decoding but never a false
// change.
import { Observable, OperatorFunction, concatMap, firstValueFrom, lastValueFrom } from 'rxjs';
import {
  API,
  Space,
  Ticket,
  associate,
  associations,
  components,
  createComponent,
  createCustomField,
  createStatus,
  createTag,
  customFields,
  statuses,
  tags,
  ticket,
} from '../../lib';
import type { Client } from '../../lib/engine/client';
import { linkOf } from '../../lib/engine/entities';
import { Scope, entityScope } from '../../lib/engine/scope';
import { revalidator } from '../../lib/live/revalidate';
import * as rows from '../../lib/resources';
import type { AnyRow } from '../../lib/resources/row';
import type { ServerOptions } from '../../lib/testing';
import { useLocalServer } from '../support/local';

const space$ = (api: API): Observable<Space> => api.space({ name: 'Big Project' });
const ticket1$ = (api: API): Observable<Ticket> => space$(api).pipe(ticket({ number: 1 }));

interface Case {
  readonly row: AnyRow;
  /** The list's parent, read through `api`. */
  readonly parent: (api: API) => Observable<object>;
  /** The plain list query on that parent. */
  readonly query: OperatorFunction<never, object[]>;
  /** Requests (pages) one read of the list takes. */
  readonly pages: number;
  /** A change to the list made through another API. */
  readonly change: (other: API) => Observable<unknown>;
  /** Whether its items carry timestamps (a component has none: its body, so its ETag, never varies). */
  readonly dated?: false;
}

const CASES: Record<string, Case> = {
  'statuses()': {
    row: rows.statuses,
    parent: space$,
    query: statuses() as OperatorFunction<never, object[]>,
    pages: 1,
    change: (other) => space$(other).pipe(createStatus({ name: 'Deploy', state: 1 })),
  },
  // 30 tags: pages of 25 and 5; a new tag joins the second.
  'tags() of a space': {
    row: rows.tags,
    parent: space$,
    query: tags() as OperatorFunction<never, object[]>,
    pages: 2,
    change: (other) => space$(other).pipe(createTag({ name: 'Infra', state: 2 })),
  },
  'customFields()': {
    row: rows.customFields,
    parent: space$,
    query: customFields() as OperatorFunction<never, object[]>,
    pages: 1,
    change: (other) => space$(other).pipe(createCustomField({ title: 'Sprint', type: 'text' })),
  },
  'components()': {
    row: rows.components,
    parent: space$,
    query: components() as OperatorFunction<never, object[]>,
    pages: 1,
    change: (other) => space$(other).pipe(createComponent({ name: 'Docs' })),
    dated: false,
  },
  'associations() of a ticket': {
    row: rows.associations,
    parent: ticket1$,
    query: associations() as OperatorFunction<never, object[]>,
    pages: 1,
    change: (other) =>
      space$(other).pipe(
        ticket({ number: 9 }),
        concatMap((nine) => ticket1$(other).pipe(associate(nine, 'related'))),
      ),
  },
};

const scopeOf = (entity: object): Scope => entityScope(linkOf<Client>(entity, 'spec', ['space', 'ticket']), entity);

/** A list read through its query (cached), and its revalidator. */
async function setUp(
  api: API,
  c: Case,
): Promise<{ read: () => Promise<object[]>; revalidate: () => Promise<boolean> }> {
  const parent = await firstValueFrom(c.parent(api));
  const read = () => firstValueFrom(c.parent(api).pipe(c.query as OperatorFunction<object, object[]>));
  const again = revalidator(c.row, scopeOf(parent));
  return { read, revalidate: () => lastValueFrom(again()) };
}

/** Counts the items a codec decodes (its fast path `parse`, and the slow one `validate`). */
function countDecodes(row: AnyRow): { count: () => number; restore: () => void } {
  const codec = row.codec as unknown as { parse: (u: unknown) => unknown; validate: (...a: unknown[]) => unknown };
  const parse = jest.spyOn(codec, 'parse');
  const validate = jest.spyOn(codec, 'validate');
  return {
    count: () => parse.mock.calls.length + validate.mock.calls.length,
    restore: () => {
      parse.mockRestore();
      validate.mockRestore();
    },
  };
}

/** The same entities, each the same object (a list query's array is its own each time). */
function expectSame(list: readonly object[], held: readonly object[]): void {
  expect(list).toHaveLength(held.length);
  expect(list.every((item, i) => item === held[i])).toBe(true);
}

function useServer(options: ServerOptions = {}) {
  // A server per test: each test changes the data.
  const local = useLocalServer({ data: { tickets: 20 }, ...options }, 'test');
  beforeEach(() => expect.hasAssertions());
  const statuses = () => ({ ...local.server.stats.byStatus });
  return { local, statuses };
}

describe.each(Object.entries(CASES))('revalidating %s over real HTTP', (_, c) => {
  describe('against a server that answers 304', () => {
    const { local, statuses } = useServer();

    it('unchanged: one 304 a page, nothing decoded, false, and the cached entities stay the same objects', async () => {
      const api = local.api();
      const { read, revalidate } = await setUp(api, c);
      const before = await read();
      // The first call holds no ETag: plain GETs, decoded, equal to the cached list.
      const decodes = countDecodes(c.row);
      try {
        expect(await revalidate()).toBe(false);
        expect(decodes.count()).toBeGreaterThan(0);
        local.server.stats.reset();
        const decodedBefore = decodes.count();
        expect(await revalidate()).toBe(false);
        expect(await revalidate()).toBe(false);
        expect(decodes.count()).toBe(decodedBefore);
      } finally {
        decodes.restore();
      }
      expect(statuses()).toEqual({ 304: 2 * c.pages });
      expect(local.count()).toBe(2 * c.pages);
      expectSame(await read(), before);
      expect(local.count()).toBe(2 * c.pages);
    });

    it('changed elsewhere: the cached list replaced (unchanged entities kept), true, then cached', async () => {
      const api = local.api();
      const { read, revalidate } = await setUp(api, c);
      const before = await read();
      expect(await revalidate()).toBe(false);
      await lastValueFrom(c.change(local.api()));
      local.server.stats.reset();
      expect(await revalidate()).toBe(true);
      // Each page asked once: the changed one answered 200, any other 304.
      expect(local.count()).toBe(c.pages);
      expect(statuses()[200]).toBe(1);
      const after = await read();
      expect(local.count()).toBe(c.pages);
      expect(after).toHaveLength(before.length + 1);
      const ids = new Set(before.map((item) => (item as { id: unknown }).id));
      const added = after.filter((item) => !ids.has((item as { id: unknown }).id));
      expect(added).toHaveLength(1);
      expect(after.filter((item) => before.includes(item))).toHaveLength(before.length);
      // Nothing changed since: 304s again.
      local.server.stats.reset();
      expect(await revalidate()).toBe(false);
      expect(statuses()).toEqual({ 304: c.pages });
      expectSame(await read(), after);
    });
  });

  describe('against a server that never answers 304', () => {
    const { local, statuses } = useServer({ conditional: false });

    it('decodes every answer, says false while nothing changed, and sees a change', async () => {
      const api = local.api();
      const { read, revalidate } = await setUp(api, c);
      const before = await read();
      expect(await revalidate()).toBe(false);
      local.server.stats.reset();
      expect(await revalidate()).toBe(false);
      expect(statuses()).toEqual({ 200: c.pages });
      expectSame(await read(), before);
      await lastValueFrom(c.change(local.api()));
      expect(await revalidate()).toBe(true);
      expect(await read()).toHaveLength(before.length + 1);
    });
  });

  describe('against a server whose timestamp offsets change on each call', () => {
    const { local, statuses } = useServer({ offsets: 'varying' });

    it('says false when only the offsets changed (other ETags, the same instants)', async () => {
      const api = local.api();
      const { read, revalidate } = await setUp(api, c);
      const before = await read();
      expect(await revalidate()).toBe(false);
      local.server.stats.reset();
      expect(await revalidate()).toBe(false);
      expect(await revalidate()).toBe(false);
      // No ETag ever matched: every page came whole.
      expect(statuses()).toEqual(c.dated === false ? { 304: 2 * c.pages } : { 200: 2 * c.pages });
      expectSame(await read(), before);
    });
  });
});

describe('revalidating statuses() beyond the plain cases', () => {
  const { local, statuses } = useServer();

  it("after the SDK's own write (a patched list): one plain GET, equal, false; then 304s again", async () => {
    const api = local.api();
    const { read, revalidate } = await setUp(api, CASES['statuses()']);
    await read();
    expect(await revalidate()).toBe(false);
    await lastValueFrom(space$(api).pipe(createStatus({ name: 'Deploy', state: 1 })));
    const patched = await read();
    local.server.stats.reset();
    expect(await revalidate()).toBe(false);
    expect(await revalidate()).toBe(false);
    expect(statuses()).toEqual({ 200: 1, 304: 1 });
    expectSame(await read(), patched);
  });

  it('a list nothing holds: read and cached, true; the list query then costs nothing', async () => {
    const api = local.api();
    const { read, revalidate } = await setUp(api, CASES['statuses()']);
    local.server.stats.reset();
    expect(await revalidate()).toBe(true);
    expect(local.count()).toBe(1);
    await read();
    expect(local.count()).toBe(1);
    // Its ETag was kept: the next call is conditional.
    expect(await revalidate()).toBe(false);
    expect(local.server.stats.byStatus[304]).toBe(1);
  });

  it('shares one re-read between concurrent calls for one list', async () => {
    const api = local.api();
    const { read, revalidate } = await setUp(api, CASES['statuses()']);
    await read();
    local.server.stats.reset();
    expect(await Promise.all([revalidate(), revalidate(), revalidate()])).toEqual([false, false, false]);
    expect(local.count()).toBe(1);
  });
});
