// What a fake resource is: its route rows and, for the resources beyond the seed four, how it seeds
// its part of a Dataset. resources/index.ts lists them all; routes.ts and data.ts read that list.
import type { Random } from '../chaos/random';
import type { Handler } from './context';
import type { Dataset } from './dataset';
import type { WireSpace } from './spaces';
import type { WireTicket } from './tickets';
import type { WireUser } from './users';

/** `[method, pattern, handler]`: the pattern is after `/v1`, without `.json`, e.g. `/spaces/:space`. */
export type RouteRow = readonly [method: string, pattern: string, handler: Handler];

/** What a resource's seeder gets for one space. */
export interface SeedContext {
  data: Dataset;
  /** A stream of its own, so that seeding extras never changes the seed four's data. */
  random: Random;
  /** A fresh 22-character id. */
  newId(): string;
  /** The next integer id of a kind (global across spaces, like Assembla's). */
  nextId(kind: string): number;
  /** SEED_NOW: every seeded instant is before it; recent extras are dated in the 60 days before. */
  end: number;
  space: WireSpace;
  /** Big Project (the first space) gets the richest data. */
  big: boolean;
  users: WireUser[];
  me: WireUser;
  /** The space's tickets by number ascending. */
  tickets: WireTicket[];
  /**
   * The tickets that get extras (comments, tags, associations): numbers 1..60, the last 30 and 201,
   * so seeding stays cheap for 100,000 tickets.
   */
  seeded: WireTicket[];
}

/** One fake resource: its GET (and write) routes and its seeder. */
export interface FakeResource {
  name: string;
  routes: readonly RouteRow[];
  /** Adds the resource's seed data for one space (called once per space, in space order). */
  seed?(ctx: SeedContext): void;
}
