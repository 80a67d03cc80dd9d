// The SDK's ticket and comment writes held to the requests the official Ruby gem sent to real
// Assembla (spec/fixtures/recordings/space-tickets, ticket-comments): each write repeats a recorded
// scenario's call with the recorded attributes, through a proxy that keeps what went out on the
// wire, and must send the same method to the same route with the same attributes after unwrapping;
// its wrapper key is the one the recordings use when they wrap. The recordings also send bare
// bodies (space-tickets/create.json, edit.json: Rails wraps them itself, API digest §1, discrepancy 9):
// the SDK always wraps.
import { Observable, firstValueFrom, of, shareReplay } from 'rxjs';
import {
  API,
  Space,
  Ticket,
  TicketComment,
  addComment,
  createTicket,
  deleteTicket,
  ticket,
  updateComment,
  updateTicket,
  type NewTicket,
  type TicketAttributes,
} from '../../lib';
import { commentWrites } from '../../lib/resources/comments';
import { ticketWrites } from '../../lib/resources/tickets';
import { Capture, CapturedRequest, startCapture } from '../support/capture';
import { KEY_AUTH, useLocalServer } from '../support/local';
import { RecordedRequest, pathShape, recordedRequests } from '../support/recorded-requests';

type Attributes = Record<string, unknown>;

// What the API digest allows besides what the recordings send: the writable ticket attributes
// (§6.4, `number` on create) and the comment attributes the gem permits (§7).
const TICKET_DIGEST = [
  'summary',
  'description',
  'priority',
  'component_id',
  'created_on',
  'permission_type',
  'is_story',
  'milestone_id',
  'tags',
  'followers',
  'notification_list',
  'status',
  'story_importance',
  'working_hours',
  'estimate',
  'assigned_to_id',
  'custom_fields',
  'hierarchy_type',
  'is_support',
  'number',
];
const COMMENT_DIGEST = ['comment', 'user_id', 'created_on'];

/** One write of the SDK, and the recorded scenario it repeats (the cassette's last request). */
interface WriteCase {
  readonly write: string;
  readonly cassette: string;
  /** The namespace key of the digest (§1): what a wrapped recording of the route uses. */
  readonly key?: string;
  /** Every attribute name the SDK accepts for this write, and what the digest allows. */
  readonly names: readonly string[];
  readonly digest: readonly string[];
  /** What to pipe the write into (requests made here are not the write's). */
  readonly target: (space$: Observable<Space>) => Observable<unknown>;
  /** The write, given the recorded attributes. */
  readonly run: (target: unknown, sent: Attributes) => Observable<unknown>;
}

const ticketOne = (space$: Observable<Space>) => space$.pipe(ticket({ number: 1 }));

const CASES: readonly WriteCase[] = [
  {
    write: 'createTicket',
    cassette: 'space-tickets/create.json',
    key: 'ticket',
    names: Object.keys(ticketWrites.attributes),
    digest: TICKET_DIGEST,
    target: (space$) => space$,
    run: (space, sent) => of(space as Space).pipe(createTicket(sent as unknown as NewTicket)),
  },
  {
    write: 'updateTicket',
    cassette: 'space-tickets/edit.json',
    key: 'ticket',
    names: Object.keys(ticketWrites.attributes),
    digest: TICKET_DIGEST,
    target: ticketOne,
    run: (t, sent) => of(t as Ticket).pipe(updateTicket(sent as TicketAttributes)),
  },
  {
    write: 'deleteTicket',
    cassette: 'space-tickets/delete.json',
    names: [],
    digest: [],
    target: ticketOne,
    run: (t) => of(t as Ticket).pipe(deleteTicket()),
  },
  {
    write: 'addComment',
    cassette: 'ticket-comments/create.json',
    key: 'ticket_comment',
    names: Object.keys(commentWrites.attributes),
    digest: COMMENT_DIGEST,
    target: ticketOne,
    run: (t, sent) => of(t as Ticket).pipe(addComment(String(sent.comment))),
  },
  {
    write: 'updateComment',
    cassette: 'ticket-comments/edit.json',
    key: 'ticket_comment',
    names: Object.keys(commentWrites.attributes),
    digest: COMMENT_DIGEST,
    target: (space$) => ticketOne(space$).pipe(addComment('Some WIP is done')),
    run: (c, sent) => of(c as TicketComment).pipe(updateComment(String(sent.comment))),
  },
];

/** The body as JSON, or undefined when there is none. */
const json = (r: RecordedRequest | CapturedRequest): unknown => (r.body ? JSON.parse(r.body) : undefined);

/** The wrapper key of a body (one key holding an object), or undefined for a bare body. */
function wrapperOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const entries = Object.entries(body);
  const [key, value] = entries[0] ?? [];
  return entries.length === 1 && typeof value === 'object' && value !== null && !Array.isArray(value) ? key : undefined;
}

/** The attributes of a body, wrapped or bare. */
function unwrap(body: unknown): Attributes | undefined {
  const key = wrapperOf(body);
  return key ? ((body as Attributes)[key] as Attributes) : (body as Attributes | undefined);
}

describe('the write requests against the recordings', () => {
  const local = useLocalServer({ data: { tickets: 5 } }, 'test');
  const recorded = recordedRequests();
  let capture: Capture | undefined;
  afterEach(async () => {
    await capture?.close();
    capture = undefined;
  });

  describe.each(CASES)('$write (as in $cassette)', (c) => {
    const scenario = recorded.filter((r) => r.file === c.cassette).at(-1)!;
    const shape = pathShape(scenario.path);
    const sameRoute = recorded.filter((r) => r.method === scenario.method && pathShape(r.path) === shape);

    it('sends the recorded method and route, wrapped as recorded, with the recorded attributes', async () => {
      // The recordings of this route that wrap their body use the digest's namespace key (none wraps a
      // ticket's PUT: its key is the digest's, §6.1).
      for (const r of sameRoute) expect([undefined, c.key]).toContain(wrapperOf(json(r)));
      capture = await startCapture(local.server.url);
      const api = new API({ auth: KEY_AUTH, baseUrl: capture.url });
      const target = await firstValueFrom(c.target(api.space({ name: 'Big Project' }).pipe(shareReplay(1))));
      const from = capture.requests.length;
      await firstValueFrom(c.run(target, unwrap(json(scenario)) ?? {}));
      const writes = capture.requests.slice(from).filter((r) => r.method !== 'GET');
      expect(writes).toHaveLength(1);
      const [sent] = writes;
      expect(sent.method).toBe(scenario.method);
      expect(pathShape(sent.path)).toBe(shape);
      expect(wrapperOf(json(sent))).toBe(c.key);
      expect(unwrap(json(sent))).toEqual(unwrap(json(scenario)));
      if (scenario.body) expect(sent.contentType).toMatch(/^application\/json\b/);
      else expect(sent.body).toBe('');
    });
  });

  describe.each(CASES.filter((c) => c.names.length > 0))('$write', (c) => {
    it('takes only attribute names the recordings of its route send or the digest allows', () => {
      const scenario = recorded.filter((r) => r.file === c.cassette).at(-1)!;
      const sameRoute = recorded.filter(
        (r) => r.method === scenario.method && pathShape(r.path) === pathShape(scenario.path),
      );
      const seen = sameRoute.flatMap((r) => Object.keys(unwrap(json(r)) ?? {}));
      const allowed = new Set([...seen, ...c.digest]);
      expect(seen.length).toBeGreaterThan(0);
      expect(c.names.filter((n) => !allowed.has(n))).toEqual([]);
    });
  });

  it('sends every ticket attribute by the name it was given, wrapped in "ticket"', async () => {
    capture = await startCapture(local.server.url);
    const api = new API({ auth: KEY_AUTH, baseUrl: capture.url });
    const space$ = api.space({ name: 'Big Project' }).pipe(shareReplay(1));
    const everything: NewTicket = {
      summary: 'Every attribute',
      description: 'All of them',
      priority: 2,
      component_id: null,
      created_on: new Date('2026-01-02T03:04:05Z'),
      permission_type: 0,
      is_story: false,
      milestone_id: null,
      tags: ['Core'],
      followers: [local.server.data.me.login],
      notification_list: local.server.data.me.id,
      status: 'New',
      story_importance: 0,
      working_hours: 1.5,
      estimate: 2,
      assigned_to_id: null,
      custom_fields: { Build: '42' },
      hierarchy_type: 0,
      is_support: false,
      number: 77,
    };
    await firstValueFrom(space$.pipe(createTicket(everything)));
    const [sent] = capture.requests.filter((r) => r.method === 'POST');
    const body = json(sent) as { ticket: Attributes };
    expect(Object.keys(body)).toEqual(['ticket']);
    expect(Object.keys(body.ticket).sort()).toEqual(Object.keys(everything).sort());
    expect(Object.keys(body.ticket).filter((n) => !TICKET_DIGEST.includes(n))).toEqual([]);
    expect(body.ticket.created_on).toBe('2026-01-02T03:04:05.000Z');
  });
});
