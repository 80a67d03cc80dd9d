// The one table of which recorded responses hold which kind: each codec, the recording folders its
// responses are in, and the API paths whose JSON answers (one object or a list) are of that kind.
// spec/codecs/recorded-kinds.spec.ts runs every row; the resource rows can take it over later.
import { codecs, EntityCodec } from '../../lib/codecs';
import { Interaction, loadInteractions } from './recordings';

// As io-ts's own `t.Any`: a codec's type sits in both variance positions, so `unknown` would fit no codec.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEntityCodec = EntityCodec<any>;

export interface RecordedKind {
  readonly codec: AnyEntityCodec;
  /** The folders under spec/fixtures/recordings that hold its responses; every folder when absent. */
  readonly folders?: readonly string[];
  /** The API path (after `/v1`, no query) of a 200/201 JSON response holding this kind. */
  readonly path: RegExp;
  /** Why a `{}` answer on `path` holds no object of this kind (else `{}` is decoded, and fails). */
  readonly emptyObject?: string;
  /** When nothing of this kind was recorded: where its fields come from, and an object made from them. */
  readonly unrecorded?: { readonly evidence: string; readonly sample: Record<string, unknown> };
}

const S = '/spaces/[^/]+';

export const RECORDED_KINDS: readonly RecordedKind[] = [
  { codec: codecs.Space, path: /^\/spaces(\/[^/]+(\/copy)?)?$/ },
  {
    codec: codecs.Milestone,
    folders: ['space-milestones'],
    path: new RegExp(`^${S}/milestones(/(all|upcoming|completed|release_notes|\\d+))?$`),
  },
  { codec: codecs.User, path: new RegExp(`^(${S}/users|/users(/[^/]+)?|/user)$`) },
  {
    codec: codecs.Ticket,
    path: new RegExp(
      `^${S}/(tickets(/(\\d+|id/\\d+|my_active|my_followed|no_milestone|milestone/\\d+))?` +
        `|tags/\\d+/tickets|space_tools/[^/]+/merge_requests/\\d+/tickets)$`,
    ),
  },
  {
    codec: codecs.TicketComment,
    folders: ['ticket-comments'],
    path: new RegExp(`^${S}/tickets/\\d+/ticket_comments(/\\d+)?$`),
  },
  {
    codec: codecs.Tag,
    folders: ['space-tags', 'space-tickets'],
    path: new RegExp(`^${S}/(tags(/(active|proposed|hidden|\\d+))?|tickets/\\d+/tags)$`),
  },
  {
    codec: codecs.TicketStatus,
    folders: ['ticket-statuses'],
    path: new RegExp(`^${S}/tickets/statuses(/\\d+)?$`),
  },
  {
    codec: codecs.CustomField,
    folders: ['ticket-custom-fields'],
    path: new RegExp(`^${S}/tickets/custom_fields(/\\d+)?$`),
  },
  {
    codec: codecs.Component,
    folders: [],
    path: new RegExp(`^${S}/ticket_components(/\\d+)?$`),
    unrecorded: { evidence: '../shared/assembla-api.md section 11', sample: { id: 32, name: 'mycomponent' } },
  },
  {
    codec: codecs.TicketAssociation,
    folders: ['ticket-associations'],
    path: new RegExp(`^${S}/tickets/\\d+/ticket_associations(/\\d+)?$`),
  },
  {
    codec: codecs.Document,
    folders: ['space-documents', 'space-tickets'],
    path: new RegExp(`^${S}/(documents(/[^/]+)?|tickets/\\d+/attachments)$`),
  },
  {
    codec: codecs.WikiPage,
    folders: ['wiki-pages', 'wiki-pages-versions'],
    path: new RegExp(`^${S}/wiki_pages(/[^/]+)?$`),
  },
  {
    codec: codecs.WikiVersion,
    folders: ['wiki-pages-versions'],
    path: new RegExp(`^${S}/wiki_pages/[^/]+/versions(/\\d+)?$`),
  },
  {
    codec: codecs.SpaceTool,
    path: new RegExp(`^${S}/space_tools(/[^/]+(/add)?)?$`),
    emptyObject: 'adding the Wiki tool (POST .../space_tools/23/add) answers {} (wiki-pages/create.json)',
  },
  {
    codec: codecs.UserRole,
    folders: ['space-user-roles', 'space-users'],
    path: new RegExp(`^${S}/user_roles(/\\d+)?$`),
  },
  { codec: codecs.Task, folders: ['tasks', 'portfolio-tasks'], path: /^\/tasks(\/\d+)?$/ },
  {
    codec: codecs.ActivityEvent,
    folders: [],
    path: /^\/activity$/,
    unrecorded: {
      evidence: '../shared/assembla-api.md section 15',
      sample: {
        date: '2012-08-22T13:26:59+00:00',
        operation: 'commented',
        object: 'Ticket Comment',
        object_id: '301',
        title: 'Crash on save',
        url: 'https://app.assembla.com/spaces/big-project/tickets/1',
        space_id: 'dQl8Keoo8r5i9XcaaN1ZW_',
        space_name: 'Big Project',
        author_id: 'dAF1c4n0Gr5jhccaaN1ZW_',
        author_name: 'mike',
        whatchanged: 'Status changed from New to Fixed',
        ticket: { id: 17, number: 1, summary: 'Crash on save', operation: 'fixed' },
        comment_or_description: 'Fixed in r42',
      },
    },
  },
];

/** A recorded JSON response of a kind, parsed. */
export interface RecordedResponse extends Interaction {
  readonly json: unknown;
}

let all: RecordedResponse[] | undefined;

/** Every recorded 200/201 JSON response, parsed (loaded once). */
function jsonResponses(): RecordedResponse[] {
  all ??= loadInteractions().flatMap((i) =>
    i.contentType.includes('json') && (i.status === 200 || i.status === 201)
      ? [{ ...i, json: JSON.parse(i.body) as unknown }]
      : [],
  );
  return all;
}

const isEmptyObject = (u: unknown): boolean =>
  typeof u === 'object' && u !== null && !Array.isArray(u) && Object.keys(u).length === 0;

/**
 * The recorded responses of a row's kind: on its path, in its folders (`anywhere`: in any folder),
 * less the `{}` answers its `emptyObject` explains.
 */
export function recordedResponses(row: RecordedKind, anywhere = false): RecordedResponse[] {
  return jsonResponses().filter(
    (r) =>
      row.path.test(r.path) &&
      (anywhere || row.folders === undefined || row.folders.includes(r.file.split('/')[0])) &&
      !(row.emptyObject !== undefined && isEmptyObject(r.json)),
  );
}

/** The objects of the responses: a list's items, or the one object. */
export function recordedObjects(responses: readonly RecordedResponse[]): Array<Record<string, unknown>> {
  return responses.flatMap((r) => (Array.isArray(r.json) ? r.json : [r.json])) as Array<Record<string, unknown>>;
}

/** The `{}` answers on a row's path that its `emptyObject` explains. */
export function emptyAnswers(row: RecordedKind): RecordedResponse[] {
  return row.emptyObject === undefined
    ? []
    : jsonResponses().filter((r) => row.path.test(r.path) && isEmptyObject(r.json));
}

/** Every recorded object of a codec's kind (list items included), or its row's docs sample. */
export function recordedSamples(codec: AnyEntityCodec): Array<Record<string, unknown>> {
  const row = RECORDED_KINDS.find((r) => r.codec === codec);
  if (row === undefined) throw new Error(`no row for ${codec.name} in RECORDED_KINDS`);
  return row.unrecorded ? [row.unrecorded.sample] : recordedObjects(recordedResponses(row));
}
