// The naive client every scenario is compared against, built from the SDK's own transport and
// codecs so that the comparison measures the strategy (requests chosen, look-ahead, caches) and not
// a different HTTP stack: one request in flight, sequential pages of 100, every query listing
// everything and filtering in memory, no cache.
import { Observable, firstValueFrom } from 'rxjs';
import { codecs, decodeList, EntityCodec } from '../../lib/codecs';
import type { Milestone, SpaceData, Ticket, User } from '../../lib/codecs';
import { resolveOptions } from '../../lib/options';
import { Transport } from '../../lib/transport/pipeline';
import type { Params, RequestEvent } from '../../lib/transport/types';
import { createXHR } from '../../lib/transport/xhr-node';
import { DEFAULT_CREDENTIALS } from '../../lib/testing';

const PER_PAGE = 100;

export class Baseline {
  private readonly transport: Transport;
  /** The transport's events, to count requests the same way as for the SDK. */
  readonly requests$: Observable<RequestEvent>;

  constructor(baseUrl: string) {
    // The same option resolution as `new API`, so headers, timeout and retry policy are the SDK's.
    const o = resolveOptions({
      auth: { key: DEFAULT_CREDENTIALS.key, secret: DEFAULT_CREDENTIALS.secret },
      baseUrl,
      concurrency: 1,
      useCache: false,
    });
    this.transport = new Transport({
      baseUrl: o.baseUrl,
      credentials: o.credentials,
      concurrency: 1,
      timeoutMs: o.timeoutMs,
      retry: o.retry,
      createXHR,
    });
    this.requests$ = this.transport.events$;
  }

  /** Every item of a list, page after page, one request at a time, until a 204 or a short page. */
  async listAll<T>(codec: EntityCodec<T>, path: string, params?: Params): Promise<T[]> {
    const all: T[] = [];
    for (let page = 1; ; page++) {
      const reply = await firstValueFrom(
        this.transport.request({ method: 'GET', path, params: { ...params, page, per_page: PER_PAGE } }),
      );
      if (reply.json === undefined) return all;
      const items = decodeList(codec, reply.json, `GET ${reply.url}`);
      all.push(...items);
      if (items.length < PER_PAGE) return all;
    }
  }

  async space(name: string): Promise<SpaceData> {
    return only(await this.listAll(codecs.Space, '/spaces'), (s) => s.name === name, `space "${name}"`);
  }

  /** The whole ticket list: report 0 is every ticket, open and closed. */
  allTickets(space: SpaceData): Promise<Ticket[]> {
    return this.listAll(codecs.Ticket, `/spaces/${space.id}/tickets`, { report: 0 });
  }

  async milestone(space: SpaceData, title: string): Promise<Milestone> {
    return only(
      await this.listAll(codecs.Milestone, `/spaces/${space.id}/milestones/all`),
      (m) => m.title === title,
      `milestone "${title}"`,
    );
  }

  async user(space: SpaceData, name: string): Promise<User> {
    return only(await this.listAll(codecs.User, `/spaces/${space.id}/users`), (u) => u.name === name, `user "${name}"`);
  }
}

function only<T>(items: readonly T[], test: (item: T) => boolean, what: string): T {
  const found = items.filter(test);
  if (found.length !== 1) throw new Error(`baseline: ${found.length} matches for ${what}`);
  return found[0];
}
