// Queries and writes over a Dataset for the server, with the caches that keep big spaces cheap:
// sorted ticket views and an id index, rebuilt when the space changes.
import type { WireEvent } from './activity';
import type { WireComment } from './comments';
import type { Dataset, SpaceCollection } from './dataset';
import type { WireDocument } from './documents';
import type { WireMilestone } from './milestones';
import type { WireSpace } from './spaces';
import type { WireStatus } from './statuses';
import type { WireTicket } from './tickets';
import type { WireUser } from './users';
import type { WireWikiPage, WireWikiVersion } from './wiki';

interface Cached<T> {
  array: readonly WireTicket[];
  stamp: string;
  value: T;
}

const MAX_VIEWS = 64;

/** What a space held when the server started: its seeded history (resources/activity.ts). */
export interface Seeded {
  tickets: readonly WireTicket[];
  comments: readonly WireComment[];
  documents: readonly WireDocument[];
  milestones: readonly WireMilestone[];
  wikiPages: readonly WireWikiPage[];
  wikiVersions: readonly WireWikiVersion[];
}

const NOTHING_SEEDED: Seeded = {
  tickets: [],
  comments: [],
  documents: [],
  milestones: [],
  wikiPages: [],
  wikiVersions: [],
};

/**
 * The server's view of a Dataset. Writes go through it so that its caches stay right; the
 * Dataset's arrays are changed in place (a pushed or removed ticket is noticed too).
 * @example
 * const store = new Store(generateData({}));
 * store.ticketByNumber(store.space('big-project')!.id, 201)?.status; // 'Test'
 */
export class Store {
  private readonly versions = new Map<string, number>();
  private readonly views = new Map<string, Cached<WireTicket[]>>();
  private readonly idIndex = new Map<string, Cached<Map<number, WireTicket>>>();
  private readonly memos = new Map<string, Cached<unknown>>();
  private readonly lastIds = new Map<string, number>();
  private readonly written = new Map<string, Array<{ ms: number; event: () => WireEvent }>>();
  private readonly seeds = new Map<string, Seeded>();
  private lastTicketId: number;
  private lastMilestoneId: number;

  constructor(readonly data: Dataset) {
    this.lastTicketId = maxOf(Object.values(data.tickets).flat(), (t) => t.id);
    this.lastMilestoneId = maxOf(Object.values(data.milestones).flat(), (m) => m.id);
    for (const { id } of data.spaces) {
      const copy = <T>(lists: Record<string, T[]> | undefined): T[] => [...(lists?.[id] ?? [])];
      this.seeds.set(id, {
        tickets: copy(data.tickets),
        comments: copy(data.comments),
        documents: copy(data.documents),
        milestones: copy(data.milestones),
        wikiPages: copy(data.wikiPages),
        wikiVersions: copy(data.wikiVersions),
      });
    }
  }

  /** What the space held when the store was made (writes never change it). */
  seeded(spaceId: string): Seeded {
    return this.seeds.get(spaceId) ?? NOTHING_SEEDED;
  }

  /** The events writes left in a space, oldest first (see recordEvent in activity.ts). */
  events(spaceId: string): ReadonlyArray<{ ms: number; event: () => WireEvent }> {
    return this.written.get(spaceId) ?? [];
  }

  /** Adds an event at its place in time (after those of the same instant). */
  appendEvent(spaceId: string, ms: number, event: WireEvent): void {
    let list = this.written.get(spaceId);
    if (!list) this.written.set(spaceId, (list = []));
    let i = list.length;
    while (i > 0 && list[i - 1].ms > ms) i--;
    list.splice(i, 0, { ms, event: () => event });
  }

  /**
   * The next integer id of a collection whose items have integer ids, global across spaces like
   * Assembla's (the first call starts after the largest id in the data; ids are never reused).
   * @example
   * const id = store.nextId('tags');
   */
  nextId(name: SpaceCollection): number {
    const last =
      this.lastIds.get(name) ??
      maxOf(Object.values(this.data[name] ?? {}).flat() as Array<{ id: unknown }>, (x) =>
        typeof x.id === 'number' ? x.id : 0,
      );
    this.lastIds.set(name, last + 1);
    return last + 1;
  }

  /** A space by id or wiki_name. */
  space(ref: string): WireSpace | undefined {
    return this.data.spaces.find((s) => s.id === ref) ?? this.data.spaces.find((s) => s.wiki_name === ref);
  }

  users(spaceId: string): WireUser[] {
    return this.data.users[spaceId] ?? [];
  }

  /** Every user the caller can see (the caller and the members of their spaces), each once. */
  allUsers(): WireUser[] {
    const seen = new Map<string, WireUser>([[this.data.me.id, this.data.me]]);
    for (const list of Object.values(this.data.users)) for (const u of list) if (!seen.has(u.id)) seen.set(u.id, u);
    return [...seen.values()];
  }

  /** A user by id or login. */
  user(ref: string): WireUser | undefined {
    const all = this.allUsers();
    return all.find((u) => u.id === ref) ?? all.find((u) => u.login === ref);
  }

  /**
   * A space's collection of a resource beyond the seed four (empty when the Dataset has none).
   * @example
   * store.of('tags', space.id).filter((t) => t.state === 2);
   */
  of<K extends SpaceCollection>(name: K, spaceId: string): Dataset[K][string] {
    const all = (this.data[name] ??= {} as Dataset[K]) as Record<string, Dataset[K][string]>;
    return (all[spaceId] ??= [] as unknown as Dataset[K][string]);
  }

  statuses(spaceId: string): WireStatus[] {
    return this.data.statuses[spaceId] ?? [];
  }

  milestones(spaceId: string): WireMilestone[] {
    return (this.data.milestones[spaceId] ??= []);
  }

  milestone(spaceId: string, id: number): WireMilestone | undefined {
    return this.milestones(spaceId).find((m) => m.id === id);
  }

  /** All tickets of a space, by number ascending. */
  tickets(spaceId: string): WireTicket[] {
    return (this.data.tickets[spaceId] ??= []);
  }

  ticketByNumber(spaceId: string, number: number): WireTicket | undefined {
    const tickets = this.tickets(spaceId);
    const i = this.indexOfNumber(tickets, number);
    return i >= 0 ? tickets[i] : undefined;
  }

  ticketById(spaceId: string, id: number): WireTicket | undefined {
    return this.cached(this.idIndex, spaceId, spaceId, () => new Map(this.tickets(spaceId).map((t) => [t.id, t]))).get(
      id,
    );
  }

  /**
   * A derived list of a space's tickets (a filtered, sorted report), built once and kept until the
   * space changes.
   */
  view(spaceId: string, key: string, build: (tickets: readonly WireTicket[]) => WireTicket[]): WireTicket[] {
    if (this.views.size >= MAX_VIEWS) this.views.clear();
    return this.cached(this.views, spaceId, `${spaceId}|${key}`, () => build(this.tickets(spaceId)));
  }

  /**
   * Any value derived from a space's data, built once and kept until a write goes through the
   * store for that space.
   * @example
   * store.memo(space.id, 'open-count', () => store.tickets(space.id).filter((t) => t.state === 1).length);
   */
  memo<T>(spaceId: string, key: string, build: () => T): T {
    return this.cached(this.memos as Map<string, Cached<T>>, spaceId, `${spaceId}|${key}`, build);
  }

  nextTicketId(): number {
    return ++this.lastTicketId;
  }

  nextMilestoneId(): number {
    return ++this.lastMilestoneId;
  }

  /** Appends a ticket (its number must be above every other number of the space). */
  addTicket(ticket: WireTicket): void {
    this.tickets(ticket.space_id).push(ticket);
    this.touch(ticket.space_id);
  }

  /** Replaces the ticket of the same number; entities are never changed in place. */
  replaceTicket(ticket: WireTicket): void {
    const tickets = this.tickets(ticket.space_id);
    tickets[this.indexOfNumber(tickets, ticket.number)] = ticket;
    this.touch(ticket.space_id);
  }

  removeTicket(spaceId: string, number: number): void {
    const tickets = this.tickets(spaceId);
    tickets.splice(this.indexOfNumber(tickets, number), 1);
    this.touch(spaceId);
  }

  addMilestone(milestone: WireMilestone): void {
    this.milestones(milestone.space_id).push(milestone);
    this.touch(milestone.space_id); // its activity event
  }

  replaceMilestone(milestone: WireMilestone): void {
    const list = this.milestones(milestone.space_id);
    list[list.findIndex((m) => m.id === milestone.id)] = milestone;
  }

  /** Removes a milestone; its tickets keep existing without a milestone. */
  removeMilestone(spaceId: string, id: number): void {
    const list = this.milestones(spaceId);
    list.splice(
      list.findIndex((m) => m.id === id),
      1,
    );
    const tickets = this.tickets(spaceId);
    tickets.forEach((t, i) => {
      if (t.milestone_id === id) tickets[i] = { ...t, milestone_id: null };
    });
    this.touch(spaceId);
  }

  /**
   * Marks a space as changed, so that what is derived from it (ticket views, the activity timeline)
   * is built again: a write to any of its collections calls it.
   */
  touch(spaceId: string): void {
    this.versions.set(spaceId, (this.versions.get(spaceId) ?? 0) + 1);
  }

  /** Binary search: tickets are kept by number ascending. */
  private indexOfNumber(tickets: readonly WireTicket[], number: number): number {
    let lo = 0;
    let hi = tickets.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const n = tickets[mid].number;
      if (n === number) return mid;
      if (n < number) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  // A cache entry is good while the space's ticket array is the same one, of the same length, and
  // no write went through the store since.
  private cached<T>(cache: Map<string, Cached<T>>, spaceId: string, key: string, build: () => T): T {
    const array = this.tickets(spaceId);
    const stamp = `${this.versions.get(spaceId) ?? 0}:${array.length}`;
    const hit = cache.get(key);
    if (hit && hit.array === array && hit.stamp === stamp) return hit.value;
    const value = build();
    cache.set(key, { array, stamp, value });
    return value;
  }
}

function maxOf<T>(items: readonly T[], get: (item: T) => number): number {
  let max = 0;
  for (const item of items) max = Math.max(max, get(item));
  return max;
}
