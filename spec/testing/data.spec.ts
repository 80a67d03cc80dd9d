import { generateData, type Dataset, type WireTicket } from '../../lib/testing';
import { isoSeconds } from '../../lib/testing/http/time';

describe('generateData', () => {
  beforeEach(() => expect.hasAssertions());

  const data = generateData({});
  const big = data.spaces[0];
  const tickets = data.tickets[big.id];
  const users = data.users[big.id];
  const milestones = data.milestones[big.id];
  const john = users.find((u) => u.name === 'John Smith')!;
  const rc1 = milestones.find((m) => m.title === 'Release Candidate 1')!;

  it('is deterministic: same options, same data; another seed, other data', () => {
    expect(JSON.stringify(generateData({}))).toBe(JSON.stringify(data));
    const other = generateData({ seed: 2 });
    expect(other.spaces[0].id).not.toBe(big.id);
    expect(other.tickets[other.spaces[0].id].map((t) => t.status)).not.toEqual(tickets.map((t) => t.status));
  });

  it('puts Big Project first, then the other spaces, each with its own lists', () => {
    expect(big).toMatchObject({ name: 'Big Project', wiki_name: 'big-project' });
    expect(data.spaces.map((s) => s.name)).toEqual(['Big Project', 'Website Redesign', 'Mobile App']);
    expect(tickets).toHaveLength(2000);
    for (const space of data.spaces.slice(1)) {
      expect(data.tickets[space.id]).toHaveLength(25);
      expect(data.milestones[space.id].length).toBeGreaterThan(0);
      expect(data.users[space.id]).toContain(data.me);
      expect(
        data.tickets[space.id].every((t) => t.space_id === space.id && Object.keys(t.custom_fields).length === 0),
      ).toBe(true);
    }
    const many = generateData({ tickets: 10, otherSpaces: 7, ticketsPerOtherSpace: 3 });
    expect(many.spaces).toHaveLength(8);
    expect(many.spaces[7].name).toBe('Project 7');
    expect(many.tickets[many.spaces[7].id]).toHaveLength(3);
  });

  it('gives Big Project open, backlog and completed milestones, 8 users with John Smith, and six statuses', () => {
    expect(milestones.find((m) => m.title === 'Backlog')).toMatchObject({ is_completed: false, due_date: null });
    expect(rc1.is_completed).toBe(false);
    expect(milestones.some((m) => m.is_completed && /^\d{4}-\d{2}-\d{2}$/.test(m.completed_date ?? ''))).toBe(true);
    expect(users).toHaveLength(8);
    expect(john.login).toBe('jsmith');
    expect(data.me).toBe(john);
    expect(data.statuses[big.id].map((s) => [s.name, s.state])).toEqual([
      ['New', 1],
      ['Accepted', 1],
      ['Test', 1],
      ['Code Review', 1],
      ['Fixed', 0],
      ['Invalid', 0],
    ]);
  });

  it('keeps the seed README invariants: ticket 201, John Smith, ticket 301', () => {
    const t201 = tickets.find((t) => t.number === 201)!;
    expect(t201).toMatchObject({
      assigned_to_id: john.id,
      status: 'Test',
      state: 1,
      priority: 1,
      milestone_id: rc1.id,
    });
    const johns = tickets.filter((t) => t.assigned_to_id === john.id);
    expect(johns.length).toBeGreaterThan(10);
    expect(johns.filter((t) => t.status === 'Test')).toEqual([t201]);
    const t301 = tickets.find((t) => t.number === 301)!;
    expect(t301.milestone_id).toBe(rc1.id);
    expect(t301.assigned_to_id).not.toBeNull();
    expect(t301.assigned_to_id).not.toBe(john.id);
  });

  it('puts the special ticket at the last number when there are fewer than 201', () => {
    const small = generateData({ tickets: 50 });
    const smallTickets = small.tickets[small.spaces[0].id];
    const last = smallTickets[49];
    expect(last).toMatchObject({ number: 50, status: 'Test', priority: 1, assigned_to_id: small.me.id });
    expect(smallTickets.filter((t) => t.assigned_to_id === small.me.id && t.status === 'Test')).toEqual([last]);
    const none = generateData({ tickets: 0 });
    expect(none.tickets[none.spaces[0].id]).toEqual([]);
  });

  it('varies tickets like real data: every status often, some with no milestone or assignee, closed ones done', () => {
    const count = (f: (t: WireTicket) => boolean): number => tickets.filter(f).length;
    for (const s of data.statuses[big.id]) expect(count((t) => t.status === s.name)).toBeGreaterThan(50);
    expect(count((t) => t.milestone_id === null)).toBeGreaterThan(50);
    expect(count((t) => t.assigned_to_id === null)).toBeGreaterThan(50);
    expect(tickets.every((t) => (t.state === 0) === (t.completed_date !== null))).toBe(true);
    expect(tickets.map((t) => t.number)).toEqual(tickets.map((_, i) => i + 1));
    expect(count((t) => t.created_on.endsWith('Z'))).toBeGreaterThan(count((t) => t.created_on.endsWith('+05:30')));
    expect(count((t) => t.created_on.endsWith('+05:30'))).toBeGreaterThan(50);
    expect(tickets.every((t) => Object.keys(t.custom_fields).join() === 'Build,Customer')).toBe(true);
    expect(tickets.every((t) => !('status_name' in t))).toBe(true);
  });

  it('uses ids like the real ones: 22-char strings, globally unique integer ticket ids', () => {
    const ids = [
      ...data.spaces.map((s) => s.id),
      ...Object.values(data.users)
        .flat()
        .map((u) => u.id),
    ];
    expect(ids.every((id) => /^[A-Za-z0-9_-]{22}$/.test(id))).toBe(true);
    const ticketIds = Object.values(data.tickets)
      .flat()
      .map((t) => t.id);
    expect(ticketIds.every(Number.isInteger)).toBe(true);
    expect(new Set(ticketIds).size).toBe(ticketIds.length);
    expect(big.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/);
  });

  // How long this takes is a benchmark figure (`npm run bench`, spec/bench/server-timing.ts), not a test.
  it('generates 100,000 tickets, numbered 1..100,000 with unique ids, the special ticket 201 kept', () => {
    const huge: Dataset = generateData({ tickets: 100_000 });
    const list = huge.tickets[huge.spaces[0].id];
    expect(list).toHaveLength(100_000);
    expect(list.every((t, i) => t.number === i + 1)).toBe(true);
    expect(new Set(list.map((t) => t.id)).size).toBe(100_000);
    expect(list[200]).toMatchObject({ number: 201, status: 'Test', assigned_to_id: huge.me.id });
  });

  it('formats timestamps in whole seconds at any offset', () => {
    const ms = Date.UTC(2024, 0, 2, 23, 4, 5, 999);
    expect(isoSeconds(ms)).toBe('2024-01-02T23:04:05Z');
    expect(isoSeconds(ms, 180)).toBe('2024-01-03T02:04:05+03:00');
    expect(isoSeconds(ms, 330)).toBe('2024-01-03T04:34:05+05:30');
    expect(isoSeconds(ms, -300)).toBe('2024-01-02T18:04:05-05:00');
  });
});
