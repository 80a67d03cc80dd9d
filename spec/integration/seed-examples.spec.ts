// Runs each seed README example (examples/*.ts) over real HTTP and checks what it prints and what
// it cost on the local server's own counters.
import { API } from '../../lib';
import { basic } from '../../examples/basic';
import { caching } from '../../examples/caching';
import { milestones } from '../../examples/milestones';
import { spaces } from '../../examples/spaces';
import { ticketsExample } from '../../examples/tickets';
import { users } from '../../examples/users';
import type { Example } from '../../examples/support/context';
import { useLocalServer } from '../support/local';

describe('the seed README examples, in RxJS form', () => {
  // A server per test: an earlier test's aborted requests may land late.
  const local = useLocalServer({ data: { tickets: 2000 } }, 'test');
  beforeEach(() => {
    expect.hasAssertions();
    local.server.stats.reset();
  });

  async function run(example: Example, assembla: API = local.api()): Promise<string[]> {
    const lines: string[] = [];
    await example({ assembla, spaceName: 'Big Project', print: (l) => lines.push(l) });
    return lines;
  }

  const data = () => {
    const big = local.server.data.spaces.find((s) => s.name === 'Big Project')!;
    return { big, tickets: local.server.data.tickets[big.id], users: local.server.data.users[big.id] };
  };

  it('Basic Example: ticket 201 status in 2 requests cold, 0 warm', async () => {
    const assembla = local.api();
    expect(await run(basic, assembla)).toEqual([data().tickets.find((t) => t.number === 201)!.status]);
    expect(local.count()).toBe(2);
    expect(local.count('GET /spaces')).toBe(1);
    expect(local.count('GET /spaces/:space/tickets/:number')).toBe(1);
    local.server.stats.reset();
    await run(basic, assembla);
    expect(local.count()).toBe(0);
  });

  it('Examples for Spaces', async () => {
    const lines = await run(spaces);
    const { tickets } = data();
    expect(lines).toContain('space: Big Project (wiki_name big-project)');
    expect(lines).toContain(`tickets: ${tickets.length}`);
    expect(lines).toContain(`tickets awaiting testing: ${tickets.filter((t) => t.status === 'Test').length}`);
    expect(lines.find((l) => l.startsWith('milestones:'))).toContain('Release Candidate 1');
    expect(lines).toContain('user: John Smith (login jsmith)');
    // The list of tickets is read once; the filtered queries after it come from the cache.
    expect(local.count('GET /spaces/:space/tickets/:number')).toBe(0);
    expect(local.count('GET /spaces/:space/milestones/all')).toBe(1);
    expect(local.count('GET /spaces/:space/users')).toBe(1);
    expect(local.count('GET /spaces/:space/tickets')).toBeLessThanOrEqual(2000 / 100 + 6);
  });

  it('Examples for Milestones: its tickets from /tickets/milestone/:id, its users from them', async () => {
    const lines = await run(milestones);
    const { big, tickets } = data();
    const rc1 = local.server.data.milestones[big.id].find((m) => m.title === 'Release Candidate 1')!;
    expect(lines[0]).toBe(
      `tickets of "Release Candidate 1": ${tickets.filter((t) => t.milestone_id === rc1.id).length}`,
    );
    expect(lines).toContain('user of the milestone: John Smith');
    expect(local.count('GET /spaces/:space/tickets')).toBe(0);
    expect(local.count('GET /spaces/:space/tickets/milestone/:id')).toBeGreaterThan(0);
  });

  it("Examples for Users: John Smith's tickets and his one ticket awaiting testing", async () => {
    const lines = await run(users);
    const { tickets, users: people } = data();
    const john = people.find((u) => u.name === 'John Smith')!;
    expect(lines[0]).toBe(`tickets of John Smith: ${tickets.filter((t) => t.assigned_to_id === john.id).length}`);
    expect(lines[1]).toMatch(/^John Smith's ticket awaiting testing: #201 /);
  });

  it('Examples for Tickets', async () => {
    const lines = await run(ticketsExample);
    const { tickets } = data();
    expect(lines[1]).toBe(`tickets awaiting code review: ${tickets.filter((t) => t.status === 'Code Review').length}`);
    expect(lines[2]).toContain('#201');
    // ticket 201 went first and alone: one direct GET.
    expect(local.count('GET /spaces/:space/tickets/:number')).toBe(1);
  });

  it('Caching: warm queries cost nothing; deactivate and purge make the next one ask again', async () => {
    const lines = await run(caching);
    expect(lines[0]).toMatch(/^tickets awaiting testing, cold: [1-9]\d* requests$/);
    expect(lines[1]).toBe('the same again, warm: 0 requests');
    expect(lines[2]).toBe('ticket 201 from the cached list: 0 requests');
    expect(lines[3]).toMatch(/^with the cache off: [1-9]\d* requests$/);
    expect(lines[4]).toMatch(/^after purge\(\): [1-9]\d* requests, then 0 warm$/);
  });
});
