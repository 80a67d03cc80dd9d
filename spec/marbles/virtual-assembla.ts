// A virtual Assembla for marble tests: answers calls from a generated dataset after `latency`
// frames, so operators can be checked in virtual time without sockets.
import type { Observable } from 'rxjs';
import { API, APIOptions, Call, NotFoundError, Reply } from '../../lib';
import { Dataset, generateData } from '../../lib/testing';

/** What the virtual server needs of an rxjs-marbles context. */
interface Marbles {
  cold<T>(marbles: string, values?: Record<string, T>, error?: unknown): Observable<T>;
}

export interface Virtual {
  readonly api: API;
  readonly data: Dataset;
  readonly big: Dataset['spaces'][number];
  /** `METHOD path?query` of every call, in order. */
  readonly calls: string[];
}

/** An API whose HTTP stage is the virtual Assembla (pages of `perPage`). */
export function virtualAssembla(
  m: Marbles,
  options: { latency?: number; perPage?: number; tickets?: number } & Partial<APIOptions> = {},
): Virtual {
  const data = generateData({ tickets: options.tickets ?? 5, otherSpaces: 1, ticketsPerOtherSpace: 0 });
  const big = data.spaces[0];
  const calls: string[] = [];
  const frames = '-'.repeat(options.latency ?? 2);
  const reply = (call: Call, json: unknown): Observable<Reply> =>
    m.cold(`${frames}(r|)`, { r: { status: json === undefined ? 204 : 200, headers: {}, json, url: call.url } });
  const page = (call: Call, list: unknown[]): Observable<Reply> => {
    const q = new URL(call.url).searchParams;
    const per = Number(q.get('per_page') ?? 10);
    const items = list.slice((Number(q.get('page') ?? 1) - 1) * per, Number(q.get('page') ?? 1) * per);
    return reply(call, items.length ? items : undefined);
  };
  const http = (call: Call): Observable<Reply> => {
    const url = new URL(call.url);
    const path = url.pathname.replace(/^\/v1/, '');
    calls.push(`${call.method} ${path}${url.search}`);
    const space = data.spaces.find(
      (s) => path.startsWith(`/spaces/${s.id}`) || path.startsWith(`/spaces/${s.wiki_name}`),
    );
    const id = space?.id ?? '';
    const tickets = data.tickets[id] ?? [];
    let m: RegExpMatchArray | null;
    if (path === '/spaces') return reply(call, data.spaces);
    if (space && /^\/spaces\/[^/]+$/.test(path)) return reply(call, space);
    if (/\/milestones\/all$/.test(path)) return page(call, data.milestones[id]);
    if ((m = path.match(/\/milestones\/(\d+)$/)))
      return found(
        call,
        data.milestones[id].find((x) => x.id === Number(m![1])),
      );
    if (/\/users$/.test(path)) return reply(call, data.users[id]);
    if ((m = path.match(/\/tickets\/milestone\/(\d+)$/)))
      return page(
        call,
        tickets.filter((t) => t.milestone_id === Number(m![1])),
      );
    if ((m = path.match(/\/tickets\/(\d+)$/)))
      return found(
        call,
        tickets.find((t) => t.number === Number(m![1])),
      );
    if (/\/tickets$/.test(path)) return page(call, tickets);
    return found(call, undefined);
  };
  const found = (call: Call, item: unknown): Observable<Reply> =>
    item
      ? reply(call, item)
      : m.cold(`${frames}#`, {}, new NotFoundError(`${call.method} ${call.url} answered 404`, call));
  // The server's own settings stay here: an unknown key is a ConfigError for the API.
  const { latency: _latency, tickets: _tickets, ...apiOptions } = options;
  const api = new API({
    auth: { token: 't' },
    baseUrl: 'https://virtual.test',
    perPage: options.perPage ?? 2,
    http,
    ...apiOptions,
  });
  return { api, data, big, calls };
}
