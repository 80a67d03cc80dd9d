// Fidelity of the local server to real Assembla for the resources beyond the seed four: for each
// row (a kind, the recordings of one kind of request, the same kind of request to the local
// server), every object the server answers has exactly the recorded keys, in the recorded order,
// with the recorded JSON type per key. The activity stream was never recorded, so it has no row.
import { startServer, type RunningServer } from '../lib/testing';
import { loadInteractions, type Interaction } from './support/recordings';
import { AUTH } from './testing/helpers';

type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

interface FidelityRow {
  kind: string;
  /** Cassettes (`dir/file.json`) holding the recorded answers. */
  recordings: string[];
  /** Which recorded GETs of those cassettes are this kind of request. */
  recorded: RegExp;
  /** The local request of the same kind; `{space}`, `{doc}`, `{page}`, `{tool}`, `{tag}`... are filled in. */
  path: string;
  /** Keys that may be null, with their type when they are not (the digest's, where never recorded non-null). */
  nullable?: Record<string, JsonType>;
  /** Keys the digest documents that the recordings lack: may appear, where listed, with this type. */
  optional?: Record<string, JsonType>;
}

const S = '/spaces/[^/]+';
const ROWS: FidelityRow[] = [
  {
    kind: 'ticket comment',
    recordings: ['ticket-comments/list.json'],
    recorded: new RegExp(`^${S}/tickets/\\d+/ticket_comments$`),
    path: '/spaces/{space}/tickets/3/ticket_comments',
  },
  {
    kind: 'tag',
    recordings: ['space-tags/list.json'],
    recorded: new RegExp(`^${S}/tags$`),
    path: '/spaces/{space}/tags',
  },
  ...['active', 'proposed', 'hidden'].map((state) => ({
    kind: 'tag',
    recordings: [`space-tags/list-${state}.json`],
    recorded: new RegExp(`^${S}/tags/${state}$`),
    path: `/spaces/{space}/tags/${state}`,
  })),
  {
    kind: 'tag',
    recordings: ['space-tags/get.json'],
    recorded: new RegExp(`^${S}/tags/\\d+$`),
    path: '/spaces/{space}/tags/{tag}',
  },
  {
    kind: 'tag',
    recordings: ['space-tickets/tags.json'],
    recorded: new RegExp(`^${S}/tickets/\\d+/tags$`),
    path: '/spaces/{space}/tickets/201/tags',
  },
  {
    kind: 'status',
    recordings: ['ticket-statuses/list.json'],
    recorded: new RegExp(`^${S}/tickets/statuses$`),
    path: '/spaces/{space}/tickets/statuses',
  },
  {
    kind: 'status',
    recordings: ['ticket-statuses/get.json'],
    recorded: new RegExp(`^${S}/tickets/statuses/\\d+$`),
    path: '/spaces/{space}/tickets/statuses/{status}',
  },
  ...[
    ['ticket-custom-fields/list.json', `^${S}/tickets/custom_fields$`, '/spaces/{space}/tickets/custom_fields'],
    [
      'ticket-custom-fields/get.json',
      `^${S}/tickets/custom_fields/\\d+$`,
      '/spaces/{space}/tickets/custom_fields/{field}',
    ],
  ].map(([file, recorded, path]) => ({
    kind: 'custom field',
    recordings: [file],
    recorded: new RegExp(recorded),
    path,
    nullable: { order: 'number' as const, default_value: 'string' as const },
    optional: { list_options: 'array' as const }, // digest §9: on List fields only
  })),
  {
    kind: 'ticket association',
    recordings: ['ticket-associations/list.json'],
    recorded: new RegExp(`^${S}/tickets/\\d+/ticket_associations$`),
    path: '/spaces/{space}/tickets/1/ticket_associations',
  },
  {
    kind: 'ticket association',
    recordings: ['ticket-associations/get.json'],
    recorded: new RegExp(`^${S}/tickets/\\d+/ticket_associations/\\d+$`),
    path: '/spaces/{space}/tickets/2/ticket_associations/{association}',
  },
  ...[
    ['space-documents/list.json', `^${S}/documents$`, '/spaces/{space}/documents'],
    ['space-documents/get.json', `^${S}/documents/[^/]+$`, '/spaces/{space}/documents/{doc}'],
    ['space-tickets/attachments.json', `^${S}/tickets/\\d+/attachments$`, '/spaces/{space}/tickets/1/attachments'],
  ].map(([file, recorded, path]) => ({
    kind: 'document',
    recordings: [file],
    recorded: new RegExp(recorded),
    path,
    nullable: {
      description: 'string' as const,
      ticket_id: 'number' as const,
      attachable_type: 'string' as const,
      attachable_id: 'number' as const,
      attachable_guid: 'string' as const,
    },
  })),
  ...[
    ['wiki-pages/list.json', `^${S}/wiki_pages$`, '/spaces/{space}/wiki_pages'],
    ['wiki-pages/get.json', `^${S}/wiki_pages/[^/]+$`, '/spaces/{space}/wiki_pages/{page}'],
  ].map(([file, recorded, path]) => ({
    kind: 'wiki page',
    recordings: [file],
    recorded: new RegExp(recorded),
    path,
    nullable: { change_comment: 'string' as const, parent_id: 'string' as const },
  })),
  ...[
    [`^${S}/wiki_pages/[^/]+/versions$`, '/spaces/{space}/wiki_pages/{page}/versions'],
    [`^${S}/wiki_pages/[^/]+/versions/\\d+$`, '/spaces/{space}/wiki_pages/{page}/versions/{version}'],
  ].map(([recorded, path]) => ({
    kind: 'wiki version',
    recordings: ['wiki-pages-versions/get.json', 'wiki-pages-versions/list.json'],
    recorded: new RegExp(recorded),
    path,
    nullable: { change_comment: 'string' as const },
  })),
  ...[
    ['space-tools/list.json', `^${S}/space_tools$`, '/spaces/{space}/space_tools'],
    ['space-tools/get.json', `^${S}/space_tools/[^/]+$`, '/spaces/{space}/space_tools/{tool}'],
    ['space-tools/list-repositories.json', `^${S}/space_tools/repo$`, '/spaces/{space}/space_tools/repo'],
  ].map(([file, recorded, path]) => ({
    kind: 'space tool',
    recordings: [file],
    recorded: new RegExp(recorded),
    path,
    nullable: {
      url: 'string' as const,
      team_permissions: 'number' as const,
      watcher_permissions: 'number' as const,
      public_permissions: 'number' as const,
      parent_id: 'string' as const,
    },
  })),
  ...[
    ['space-user-roles/list.json', `^${S}/user_roles$`, '/spaces/{space}/user_roles'],
    ['space-user-roles/get.json', `^${S}/user_roles/\\d+$`, '/spaces/{space}/user_roles/{role}'],
  ].map(([file, recorded, path]) => ({
    kind: 'user role',
    recordings: [file],
    recorded: new RegExp(recorded),
    path,
    nullable: { agreed_time: 'string' as const, title: 'string' as const },
  })),
  ...[
    ['tasks/list.json', '^/tasks$', '/tasks'],
    ['portfolio-tasks/list.json', '^/tasks$', '/tasks'],
    ['tasks/get.json', '^/tasks/\\d+$', '/tasks/{task}'],
  ].map(([file, recorded, path]) => ({
    kind: 'task',
    recordings: [file],
    recorded: new RegExp(recorded),
    path,
    nullable: {
      url: 'string' as const,
      ticket_number: 'number' as const,
      ticket_id: 'number' as const,
      job_agreement_id: 'number' as const,
    },
  })),
  {
    kind: 'user',
    recordings: ['users/me.json'],
    recorded: /^\/user$/,
    path: '/user',
    nullable: { organization: 'string', phone: 'string' },
  },
];

const typeOf = (v: unknown): JsonType => (v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType));
const objectsOf = (json: unknown): Array<Record<string, unknown>> =>
  (Array.isArray(json) ? json : [json]) as Array<Record<string, unknown>>;

const interactions = loadInteractions();
const recordedOf = (row: FidelityRow): Interaction[] =>
  interactions.filter(
    (i) => row.recordings.includes(i.file) && i.method === 'GET' && i.status === 200 && row.recorded.test(i.path),
  );

describe('fidelity of the local server to the recordings, resource by resource', () => {
  let server: RunningServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer({ data: { tickets: 400 } });
    const d = server.data;
    const big = d.spaces[0];
    const first = <T>(list: T[] | undefined): T => list![0];
    Object.assign(ids, {
      space: big.id,
      tag: String(first(d.tags[big.id]).id),
      status: String(first(d.statuses[big.id]).id),
      field: String(d.customFields[big.id].find((f) => f.type === 'List')!.id),
      association: String(first(d.associations[big.id]).id),
      doc: first(d.documents[big.id]).id,
      page: d.wikiPages[big.id].find((p) => p.page_name === 'Setup')!.id,
      tool: d.spaceTools[big.id].find((t) => t.type === 'FlowsTool')!.id,
      role: String(first(d.userRoles[big.id]).id),
      task: String(first(d.tasks).id),
    });
    ids.version = String(d.wikiVersions[big.id].find((v) => v.wiki_page_id === ids.page)!.id);
  });
  afterAll(() => server.stop());

  it('has recordings for every row', () => {
    for (const row of ROWS) expect([row.path, recordedOf(row).length > 0]).toEqual([row.path, true]);
  });

  it.each(ROWS.map((row) => [`${row.kind}: ${row.recordings.join(', ')} vs GET ${row.path}`, row] as const))(
    '%s',
    async (_name, row) => {
      const want = recordedOf(row).flatMap((r) => objectsOf(JSON.parse(r.body)));
      const path = row.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]);
      const res = await fetch(`${server.url}/v1${path}.json`, { headers: AUTH });
      expect(res.status).toBe(200);
      const local = objectsOf(await res.json());
      expect(local.length).toBeGreaterThan(0);

      const keys = Object.keys(want[0]);
      const types = new Map<string, Set<JsonType>>();
      for (const o of want) {
        expect(Object.keys(o)).toEqual(keys); // the recordings of one kind agree with each other
        for (const [k, v] of Object.entries(o)) types.set(k, (types.get(k) ?? new Set()).add(typeOf(v)));
      }
      const nullable = row.nullable ?? {};
      const optional = row.optional ?? {};
      for (const o of local) {
        expect(Object.keys(o).filter((k) => !(k in optional))).toEqual(keys);
        for (const [key, value] of Object.entries(o)) {
          const t = typeOf(value);
          const recorded = [...(types.get(key) ?? [])].filter((x) => x !== 'null');
          if (key in optional) expect([key, t]).toEqual([key, optional[key]]);
          else if (t === 'null') expect([key, types.get(key)?.has('null') || key in nullable]).toEqual([key, true]);
          else if (recorded.length > 0) expect([key, recorded]).toEqual([key, [t]]);
          else expect([key, t]).toEqual([key, nullable[key]]);
        }
      }
    },
  );

  it('puts list_options only on List custom fields, as an array of strings', async () => {
    const res = await fetch(`${server.url}/v1/spaces/${ids.space}/tickets/custom_fields`, { headers: AUTH });
    const fields = (await res.json()) as Array<Record<string, unknown>>;
    expect(fields.map((f) => [f.type, Array.isArray(f.list_options)])).toEqual([
      ['Text', false],
      ['List', true],
    ]);
    expect(fields.every((f) => f.type !== 'Text' || !('list_options' in f))).toBe(true);
  });
});
