import { startServer, type RunningServer, type WireMilestone, type WireTicket } from '../../lib/testing';
import { call, send } from './helpers';

describe('local server: creating, updating and deleting tickets and milestones', () => {
  let server: RunningServer;
  const tickets = (): WireTicket[] => server.data.tickets[server.data.spaces[0].id];
  beforeEach(async () => {
    expect.hasAssertions();
    server = await startServer({ data: { tickets: 30 } });
  });
  afterEach(() => server.stop());

  it('creates a ticket from a wrapped body: 201, Location, the full ticket with Assembla defaults', async () => {
    const res = await send(server.url, 'POST', '/v1/spaces/big-project/tickets', {
      ticket: { summary: 'First one', description: 'Fix it soon' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(
      `${server.url}/v1/spaces/${server.data.spaces[0].id}/tickets/31-first-one`,
    );
    expect(res.json).toMatchObject({
      number: 31,
      summary: 'First one',
      description: 'Fix it soon',
      priority: 3,
      status: 'New',
      state: 1,
      completed_date: null,
      importance: -1,
      estimate: 1,
      reporter_id: server.data.me.id,
      notification_list: server.data.me.id,
      custom_fields: { Build: '', Customer: '' },
      assigned_to_id: null,
      milestone_id: null,
      hierarchy_type: 0,
    });
    expect(res.text).toContain('"importance":-1.0');
    expect(Object.keys(res.json)).toEqual(Object.keys(tickets()[0]));
    const otherIds = Object.values(server.data.tickets)
      .flat()
      .filter((t) => t !== tickets()[30])
      .map((t) => t.id);
    expect(res.json.id).toBeGreaterThan(Math.max(...otherIds));
    expect((await call(server.url, '/v1/spaces/big-project/tickets/31')).text).toBe(res.text);
  });

  it('creates a ticket from an unwrapped body and from form data', async () => {
    const unwrapped = await send(server.url, 'POST', '/v1/spaces/big-project/tickets', {
      summary: 'Bare',
      priority: 1,
      status: 'fixed',
    });
    expect(unwrapped.status).toBe(201);
    expect(unwrapped.json).toMatchObject({ number: 31, priority: 1, status: 'Fixed', state: 0 });
    expect(unwrapped.json.completed_date).not.toBeNull();
    const form = await call(server.url, '/v1/spaces/big-project/tickets', {
      method: 'POST',
      body: 'ticket[summary]=From+a+form&ticket[priority]=2',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.json).toMatchObject({ number: 32, summary: 'From a form', priority: 2 });
  });

  it('refuses a ticket without summary or with bad fields: 422 with the error map', async () => {
    const blank = await send(server.url, 'POST', '/v1/spaces/big-project/tickets', {
      ticket: { description: 'no summary' },
    });
    expect(blank.status).toBe(422);
    expect(blank.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(blank.json).toEqual({ summary: ["can't be blank"] });
    const bad = await send(server.url, 'POST', '/v1/spaces/big-project/tickets', {
      summary: 'x',
      priority: 9,
      status: 'Nope',
      milestone_id: 1,
    });
    expect(bad.json).toEqual({
      priority: ['is not included in the list'],
      status: ['is invalid'],
      milestone_id: ['is invalid'],
    });
    const broken = await call(server.url, '/v1/spaces/big-project/tickets', {
      method: 'POST',
      body: '{"summary":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken.status).toBe(422);
    expect(tickets()).toHaveLength(30);
  });

  it('updates a ticket with PUT (204, empty) and the change shows in lists', async () => {
    const before = tickets().find((t) => t.number === 5)!;
    const user = server.data.users[server.data.spaces[0].id][2];
    const changes = { status: 'Invalid', assigned_to_id: user.login, custom_fields: { Build: '42' } };
    const res = await send(server.url, 'PUT', '/v1/spaces/big-project/tickets/5', { ticket: changes });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(res.headers.get('content-type')).toBe('text/plain');
    const after = (await call(server.url, '/v1/spaces/big-project/tickets/5')).json as WireTicket;
    expect(after).toMatchObject({ status: 'Invalid', state: 0, assigned_to_id: user.id, summary: before.summary });
    expect(after.custom_fields.Build).toBe('42');
    const closed = (await call(server.url, '/v1/spaces/big-project/tickets?report=4&per_page=100'))
      .json as WireTicket[];
    expect(closed.map((t) => t.number)).toContain(5);
    expect((await send(server.url, 'PUT', '/v1/spaces/big-project/tickets/5', { priority: 0 })).status).toBe(422);
    expect((await send(server.url, 'PUT', '/v1/spaces/big-project/tickets/999', { priority: 1 })).status).toBe(404);
  });

  it('deletes a ticket: 204, then 404', async () => {
    expect((await call(server.url, '/v1/spaces/big-project/tickets/7', { method: 'DELETE' })).status).toBe(204);
    expect((await call(server.url, '/v1/spaces/big-project/tickets/7')).status).toBe(404);
    expect((await call(server.url, '/v1/spaces/big-project/tickets?report=2&per_page=100')).json).toHaveLength(29);
    expect((await call(server.url, '/v1/spaces/big-project/tickets/7', { method: 'DELETE' })).status).toBe(404);
  });

  it('creates, completes and deletes a milestone', async () => {
    const created = await send(server.url, 'POST', '/v1/spaces/big-project/milestones', {
      milestone: { title: 'Sprint 99' },
    });
    expect(created.status).toBe(201);
    const m = created.json as WireMilestone;
    expect(created.headers.get('location')).toMatch(new RegExp(`/v1/spaces/[\\w-]+/milestones/${m.id}-sprint-99$`));
    expect(m).toMatchObject({
      title: 'Sprint 99',
      is_completed: false,
      completed_date: null,
      pretty_release_level: 'None',
      planner_type: 0,
    });
    expect(Object.keys(m)).toEqual(Object.keys(server.data.milestones[server.data.spaces[0].id][0]));
    expect((await send(server.url, 'POST', '/v1/spaces/big-project/milestones', { milestone: {} })).json).toEqual({
      title: ["can't be blank"],
    });

    const completed = await send(server.url, 'PUT', `/v1/spaces/big-project/milestones/${m.id}`, {
      milestone: { is_completed: true, release_level: 2 },
    });
    expect(completed.status).toBe(204);
    const done = (await call(server.url, `/v1/spaces/big-project/milestones/${m.id}`)).json as WireMilestone;
    expect(done).toMatchObject({ is_completed: true, release_level: 2, pretty_release_level: 'Beta' });
    expect(done.completed_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const rc1 = server.data.milestones[server.data.spaces[0].id].find((x) => x.title === 'Release Candidate 1')!;
    expect((await call(server.url, `/v1/spaces/big-project/milestones/${rc1.id}`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect((await call(server.url, `/v1/spaces/big-project/milestones/${rc1.id}`)).status).toBe(404);
    expect(tickets().find((t) => t.number === 30)!.milestone_id).toBeNull(); // the special ticket, in RC1 before
    expect(tickets().every((t) => t.milestone_id !== rc1.id)).toBe(true);
  });

  it("answers a completed milestone's creation with a datetime completed_date, as recorded", async () => {
    const res = await send(server.url, 'POST', '/v1/spaces/big-project/milestones', {
      milestone: { title: 'Done', is_completed: true },
    });
    expect(res.json.completed_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    const listed = (await call(server.url, '/v1/spaces/big-project/milestones/completed')).json as WireMilestone[];
    expect(listed.find((x) => x.id === res.json.id)!.completed_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('needs credentials for writes too', async () => {
    const res = await fetch(`${server.url}/v1/spaces/big-project/tickets`, { method: 'POST', body: '{"summary":"x"}' });
    expect(res.status).toBe(401);
    expect((await fetch(`${server.url}/v1/spaces/big-project/tickets/3`, { method: 'DELETE' })).status).toBe(401);
    expect(tickets()).toHaveLength(30);
  });
});
