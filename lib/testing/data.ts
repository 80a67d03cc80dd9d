// The local server's data, generated deterministically from a seed: the spaces and their members,
// then each resource's seed (resources/: every wire type and its generator) in a fixed order.
import { createRandom, type Random } from './chaos/random';
import type { Dataset } from './resources/dataset';
import { RESOURCES } from './resources/index';
import { makeMilestones } from './resources/milestones';
import type { SeedContext } from './resources/resource';
import { SEED_NOW } from './resources/seed';
import { makeSpace, otherSpaceName } from './resources/spaces';
import { makeStatuses } from './resources/statuses';
import { makeTickets, type WireTicket } from './resources/tickets';
import { makeUsers, type WireUser } from './resources/users';

/**
 * What `generateData` generates; every field is optional.
 *
 * @example
 * generateData({ seed: 2, tickets: 10_000 });
 */
export interface DataOptions {
  /** Default 1. */
  seed?: number;
  /** Tickets in "Big Project"; default 2000. */
  tickets?: number;
  /** Spaces besides Big Project; default 2. */
  otherSpaces?: number;
  /** Tickets in each other space; default 25. */
  ticketsPerOtherSpace?: number;
}

const BIG_PROJECT_USERS = 8;

/**
 * Builds a dataset: "Big Project" (wiki_name `big-project`) first, then `otherSpaces` more.
 * The same options always give the same data. Invariants of Big Project: ticket min(201, N) is
 * assigned to John Smith (`jsmith`, also `me`), status Test, priority 1, milestone "Release
 * Candidate 1", and it is John's only Test ticket; ticket 301 is in "Release Candidate 1" and
 * assigned to someone else.
 * @example
 * const data = generateData({ seed: 1, tickets: 100_000 });
 * data.tickets[data.spaces[0].id].length; // 100000
 */
export function generateData(options: DataOptions = {}): Dataset {
  const { seed = 1, tickets = 2000, otherSpaces = 2, ticketsPerOtherSpace = 25 } = options;
  const random = createRandom(seed);
  const ids = new Set<string>();
  const newId = (): string => {
    for (;;) {
      const id = randomId(random);
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  };
  const counters = { milestone: 3100, status: 240, ticket: 5000 };

  const people = makeUsers(random, newId);
  const me = people[0];
  const portfolioId = newId();

  const data: Dataset = {
    spaces: [],
    milestones: {},
    users: {},
    tickets: {},
    statuses: {},
    me,
    comments: {},
    tags: {},
    ticketTags: {},
    customFields: {},
    components: {},
    associations: {},
    documents: {},
    files: {},
    wikiPages: {},
    wikiVersions: {},
    spaceTools: {},
    userRoles: {},
    tasks: [],
  };
  const spaceSpecs = [
    { name: 'Big Project', users: people.slice(0, BIG_PROJECT_USERS), tickets, big: true },
    ...Array.from({ length: Math.max(0, otherSpaces) }, (_, i) => ({
      name: otherSpaceName(i),
      // John (the caller) is in every space, with three or four others
      users: [me, ...pickSome(random, people.slice(1), random.int(3, 4))],
      tickets: ticketsPerOtherSpace,
      big: false,
    })),
  ];

  spaceSpecs.forEach((spec, index) => {
    const space = makeSpace(random, newId(), spec.name, index, portfolioId);
    const toolId = newId();
    const statuses = makeStatuses(space, toolId, spec.big, () => counters.status++);
    const milestones = makeMilestones(random, spec.big, space.id, spec.users, () => counters.milestone++);
    data.spaces.push(space);
    data.statuses[space.id] = statuses;
    data.milestones[space.id] = milestones;
    data.users[space.id] = spec.users;
    data.tickets[space.id] = makeTickets(random, {
      count: Math.max(0, spec.tickets),
      firstId: counters.ticket,
      space,
      users: spec.users,
      me,
      milestones,
      statuses,
      big: spec.big,
    });
    counters.ticket += Math.max(0, spec.tickets);
  });
  seedExtras(data, seed, spaceSpecs, newId);
  return data;
}

// The resources beyond the seed four seed from a random stream of their own, after the seed four,
// so that their data never changes what the seed four were.
function seedExtras(
  data: Dataset,
  seed: number,
  specs: ReadonlyArray<{ users: WireUser[]; big: boolean }>,
  newId: () => string,
): void {
  const random = createRandom(seed ^ 0x5eed);
  const counters = new Map<string, number>();
  const nextId = (kind: string): number => {
    const id = counters.get(kind) ?? 1000;
    counters.set(kind, id + 1);
    return id;
  };
  data.spaces.forEach((space, i) => {
    const tickets = data.tickets[space.id];
    const ctx: SeedContext = {
      data,
      random,
      newId,
      nextId,
      end: SEED_NOW,
      space,
      big: specs[i].big,
      users: specs[i].users,
      me: data.me,
      tickets,
      seeded: seededTickets(tickets),
    };
    for (const resource of RESOURCES) resource.seed?.(ctx);
  });
}

/** Numbers 1..60, the last 30 and 201: the tickets that get comments, tags and the like. */
function seededTickets(tickets: WireTicket[]): WireTicket[] {
  const picked = new Set([...tickets.slice(0, 60), ...tickets.slice(-30)]);
  if (tickets[200]) picked.add(tickets[200]);
  return [...picked].sort((a, b) => a.number - b.number);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A 22-character `[A-Za-z0-9_-]` id like Assembla's space and user ids. */
function randomId(random: Random): string {
  let id = '';
  for (let i = 0; i < 22; i++) id += ID_ALPHABET[Math.floor(random.next() * 64)];
  return id;
}

function pickSome<T>(random: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random.next() * pool.length), 1)[0]);
  return out;
}
