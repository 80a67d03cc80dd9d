// The one engine for writes: create, update and delete of any resource, driven by its `Writes` row.
// Each emits one value and completes. Nothing here is reachable from a read: only write operators
// import it (spec/package.spec.ts, the bundle budget).
import { Observable, catchError, combineLatest, concatMap, forkJoin, map, of, tap, throwError } from 'rxjs';
import { decodeEntity } from '../codecs';
import {
  AssemblaError,
  HttpError,
  NetworkError,
  NotFoundError,
  ParseError,
  TimeoutError,
  kindOf,
} from '../core/errors';
import { AttributeError, UncertainWriteError, ValidationError } from '../core/write-errors';
import { isRecord } from '../core/validate';
import { me } from '../resources/me';
import type {
  AnyRow,
  AttributeKind,
  AttributeType,
  BodyEncoding,
  Find,
  ParentOf,
  Route,
  Writes,
} from '../resources/row';
import type { Request } from '../transport/types';
import { FilePart, multipartBody } from '../transport/multipart';
import type { Client } from './client';
import { changed, created, deleted, unknown as outcomeUnknown, updated } from './coherence';
import { findOne, readOne, wholeList } from './read';
import { Scope, apiScope, expandRoute, spaceScope } from './scope';

type Attributes = Readonly<Record<string, unknown>>;

/**
 * The last argument every write takes. `optimistic`: cached queries show the change before the
 * server answers, and roll back exactly, with the error, if it refuses (engine/optimistic.ts).
 *
 * @example ticket$.pipe(updateTicket({ status: 'Fixed' }, { optimistic: true }))
 */
export interface WriteOptions {
  /** Show the change in cached queries at once; default false (they show it once the server confirms). */
  readonly optimistic?: boolean;
}

/**
 * The entity the scope's parent is a new `writes.row` of: POST, the 201's object decoded and linked,
 * then added to the cached lists it belongs to. A lost answer is an `UncertainWriteError`.
 *
 * @example createIn(ticketWrites, spaceScope, { summary: 'Crash' }, 'createTicket')
 */
export function createIn<T extends object>(
  writes: Writes<T>,
  scope: Scope,
  attributes: unknown,
  query: string,
): Observable<T> {
  const route = writes.create!;
  const sent = checked(writes, attributes, query, route.required ?? []);
  const path = expandRoute(route.path, scope.spaceId, scope.parent);
  const { client } = scope;
  const target = { row: writes.row, spaceId: scope.spaceId };
  const post$ = client.transport.request({ method: 'POST', path, ...encode(route.body, sent) }).pipe(
    catchError((e: unknown) => {
      if (!lost(e)) return throwError(() => refused(e));
      // It may have landed: the lists it would have joined no longer tell the truth.
      outcomeUnknown(writes.row, scope);
      return throwError(
        () =>
          new UncertainWriteError<T>({ method: 'POST', url: e.url }, sent, e, () =>
            route.find ? find(client, scope, writes, route.find, sent) : of(null),
          ),
      );
    }),
    map((reply) =>
      client.entity(decodeEntity(writes.row.codec, reply.json, `POST ${reply.url}`, client.secrets), target),
    ),
    tap((entity) => {
      created(writes.row, scope, entity, route.appends);
      changed(scope, route.changes);
    }),
    concatMap((entity) => (route.touchesParent ? reread(scope).pipe(map(() => entity)) : of(entity))),
  );
  return known(writes, scope, sent, query).pipe(concatMap(() => post$));
}

/**
 * The scope's parent read again (one fresh GET by its identity) in place of its cached copies,
 * after a write that changed its fields on the server (a comment bumps its ticket's `updated_at`).
 * The write has landed: if the read fails, the parent's cached copies are dropped instead.
 */
function reread(scope: Scope): Observable<unknown> {
  const row = scope.parentRow as AnyRow;
  const space = spaceScope(scope);
  return readFresh(row, scope, identityRoute(row), scope.parent as object).pipe(
    map((fresh) => updated(row, space, fresh)),
    catchError(() => {
      outcomeUnknown(row, space, scope.parent as object);
      return of(undefined);
    }),
  );
}

/** The route that reads one entity of `row` by its identity (a ticket by number). */
export const identityRoute = (row: AnyRow): Route => row.lookups!.find((l) => l.by === row.identity)!.path;

/**
 * One entity of `row` read at `route` filled from `values`: a fresh GET, past de-duplication and
 * cache (an identical GET sent before a write must not answer it), decoded and linked to the space.
 *
 * @example readFresh(tickets, scope, '/spaces/{space}/tickets/{number}', ticket)
 */
export function readFresh<T extends object>(row: AnyRow, scope: Scope, route: Route, values: object): Observable<T> {
  const { client, spaceId } = scope;
  return client.transport
    .request({ method: 'GET', path: expandRoute(route, spaceId, values), fresh: true })
    .pipe(
      map((reply) =>
        client.entity(decodeEntity(row.codec, reply.json, `GET ${reply.url}`, client.secrets), { row, spaceId }),
      ),
    ) as Observable<T>;
}

/**
 * The values a child's routes are filled from, and the scope of its home list: the child's own
 * fields, and its parent's when `by` says the routes need them (found first: none when cached).
 */
export function withParent(
  by: ParentOf | undefined,
  scope: Scope,
  query: string,
): Observable<{ values: Record<string, unknown>; home: Scope }> {
  const entity = scope.parent as Record<string, unknown>;
  const space = spaceScope(scope);
  if (!by) return of({ values: entity, home: space });
  const row = by.row();
  return findOne(row, space, { [by.field]: entity[by.from] }, query).pipe(
    map((parent) => ({
      values: { ...parent, ...entity },
      home: { ...space, kind: row.name, parent, parentRow: row },
    })),
  );
}

/**
 * The scope's entity with the attributes set: PUT, then the entity read back by its identity (one
 * fresh GET, past de-duplication and cache: a PUT's answer has no body, and the server derives
 * fields), which replaces its old copy in the cache. A child's parent (a comment's ticket) is found
 * first when its routes need it (one request at most: none when cached).
 *
 * @example updateOf(ticketWrites, ticketScope, { status: 'Fixed' }, 'updateTicket')
 */
export function updateOf<T extends object>(
  writes: Writes<T>,
  scope: Scope,
  attributes: unknown,
  query: string,
): Observable<T> {
  const { row } = writes;
  const route = writes.update!;
  const sent = checked(writes, attributes, query, []);
  const body = encode(route.body, sent);
  const entity = scope.parent as T;
  const { client, spaceId } = scope;
  const space = spaceScope(scope);
  // The routes of a child (a comment) need its parent's fields (the ticket's number): found first.
  return known(writes, scope, sent, query).pipe(
    concatMap(() => withParent(route.parent, scope, query)),
    concatMap(({ values, home }) => {
      const path = expandRoute(route.path, spaceId, values);
      const readBack$ = readFresh<T>(row, scope, route.read ?? identityRoute(row), values).pipe(
        catchError((e: unknown) => {
          // The PUT landed: say so, and drop what the cache held of the entity (its state is unknown here).
          outcomeUnknown(row, home, entity);
          changed(space, route.changes);
          if (e instanceof AssemblaError)
            e.message = `${query}(): PUT ${path} was applied, but reading it back failed: ${e.message}`;
          return throwError(() => e);
        }),
      );
      return client.transport.request({ method: 'PUT', path, ...body }).pipe(
        catchError((e: unknown) => throwError(() => refused(e))),
        concatMap(() => readBack$),
        tap((fresh) => {
          updated(row, home, fresh);
          changed(space, route.changes);
        }),
      );
    }),
  );
}

/** Which DELETE route (`Writes.delete.variants`) and which operator, for messages. */
export interface DeleteHow {
  readonly variant?: string;
  readonly query?: string;
}

/**
 * The scope's entity, deleted: DELETE, then the entity that was piped in, gone from the cache. A
 * 404 to a retry (the first attempt's answer was lost) counts as deleted; to the first, it is a
 * `NotFoundError`. `variant` picks one of the row's other DELETE routes (`Writes.delete.variants`).
 *
 * @example deleteOf(ticketWrites, ticketScope)
 */
export function deleteOf<T extends object>(
  writes: Writes<T>,
  scope: Scope,
  { variant, query = 'delete' }: DeleteHow = {},
): Observable<T> {
  const entity = scope.parent as T;
  const route = writes.delete!;
  return withParent(route.parent, scope, query).pipe(
    concatMap(({ values }) =>
      scope.client.transport
        .request({
          method: 'DELETE',
          path: expandRoute(variant ? route.variants![variant] : route.path, scope.spaceId, values),
        })
        .pipe(
          catchError((e: unknown) =>
            e instanceof NotFoundError && (e.attempts ?? 1) > 1 ? of(undefined) : throwError(() => refused(e)),
          ),
        ),
    ),
    map(() => entity),
    tap(() => {
      deleted(writes.row, scope, entity);
      changed(scope, route.changes);
    }),
  );
}

/**
 * The names attributes refer to (`Writes.refers`: a ticket's status, its custom fields' titles),
 * checked against the space's cached lists of them, read as their queries read them (one request
 * each the first time, none after): an `AttributeError` before anything is sent when the space
 * does not have one.
 */
function known<T extends object>(
  writes: Writes<T>,
  scope: Scope,
  sent: Attributes,
  query: string,
): Observable<unknown> {
  const checks = Object.entries(writes.refers?.() ?? {})
    .filter(([name]) => sent[name] !== undefined && sent[name] !== null)
    .map(([name, ref]) =>
      wholeList(ref.row, spaceScope(scope), undefined, query).pipe(
        map((items) => {
          const fold = (v: unknown): unknown => (ref.anyCase && typeof v === 'string' ? v.toLowerCase() : v);
          const have = items.map((item) => (item as Attributes)[ref.field]);
          const names = ref.keys ? Object.keys(sent[name] as object) : [sent[name]];
          const missing = names.find((n) => !have.some((h) => fold(h) === fold(n)));
          if (missing !== undefined)
            throw new AttributeError(
              `${query}(): ${name} names ${ref.row.name} "${String(missing)}", which space ${scope.spaceId} does ` +
                `not have; it has ${have.map((h) => `"${String(h)}"`).join(', ') || 'none'}`,
              name,
            );
        }),
      ),
    );
  return checks.length > 0 ? forkJoin(checks) : of(null);
}

/** A write's own failure: a 422 becomes a `ValidationError` with the server's fields. */
function refused(e: unknown): unknown {
  return e instanceof HttpError && e.status === 422 ? new ValidationError(e, e.body) : e;
}

/**
 * Whether a POST's failure leaves its outcome unknown: it was sent and its answer was lost (a 5xx,
 * a dropped connection, a timeout, an answer that could not be read). A 4xx, a 429 and a refused
 * connection (nothing sent) say it was not applied.
 */
export function lost(e: unknown): e is AssemblaError & { url: string } {
  return (
    (e instanceof HttpError && e.status >= 500) ||
    e instanceof TimeoutError ||
    e instanceof ParseError ||
    (e instanceof NetworkError && e.code !== 'ECONNREFUSED')
  );
}

/** The first item of a fresh read of `find.path` that matches what was sent (newest first), or null. */
function find<T extends object>(
  client: Client,
  scope: Scope,
  writes: Writes<T>,
  how: Find<T>,
  sent: Attributes,
): Observable<T | null> {
  const path = expandRoute(how.path, scope.spaceId, scope.parent);
  const list$ = client.transport
    .request({ method: 'GET', path, params: how.params, fresh: true })
    .pipe(
      map((reply) =>
        client.entities(writes.row.codec, reply.json, `GET ${reply.url}`, { row: writes.row, spaceId: scope.spaceId }),
      ),
    );
  return combineLatest([readOne(me, apiScope(client)), list$]).pipe(
    map(([caller, items]) => items.find((item) => how.match(item, sent, caller)) ?? null),
  );
}

type Encoded = Pick<Request, 'body' | 'headers'>;

/** Each encoding's body (and headers): what differs between them lives here, one entry each. */
const ENCODERS: { readonly [E in BodyEncoding['encoding']]: (body: BodyEncoding, sent: Attributes) => Encoded } = {
  rails: (body, sent) => ({ body: { [body.key]: sent } }),
  bare: (body, sent) => ({ body: { [body.key]: sent[(body as { attribute: string }).attribute] } }),
  // Fields `key[name]`; a file attribute is the file part (spec/fixtures/recordings/space-documents/create.json).
  multipart: (body, sent) => {
    const fields = Object.entries(sent)
      .filter(([, value]) => value !== null)
      .map(([name, value]) => [`${body.key}[${name}]`, isFile(value) ? value : String(value)] as const);
    const { body: bytes, contentType } = multipartBody(fields);
    return { body: bytes, headers: { 'Content-Type': contentType } };
  },
};

function encode(body: BodyEncoding, sent: Attributes): Encoded {
  return ENCODERS[body.encoding](body, sent);
}

function isFile(value: unknown): value is FilePart {
  return isRecord(value) && ArrayBuffer.isView(value.bytes) && typeof value.filename === 'string';
}

const isDate = (v: unknown): v is Date => v instanceof Date && !Number.isNaN(v.getTime());
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** How a value of one kind is checked, named in messages, and sent (default: as it is). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind's `send` takes what its check let through
type Kind = readonly [(v: unknown) => boolean, string, ((v: any) => unknown)?];

/** Each attribute kind's checks. */
const KINDS: { readonly [K in AttributeKind]: Kind } = {
  string: [(v) => typeof v === 'string', 'a string'],
  integer: [(v) => Number.isInteger(v), 'an integer'],
  number: [(v) => typeof v === 'number' && Number.isFinite(v), 'a number'],
  boolean: [(v) => typeof v === 'boolean', 'true or false'],
  date: [isDate, 'a valid Date', (d: Date) => d.toISOString()],
  day: [isDate, 'a valid Date', (d: Date) => d.toISOString().slice(0, 10)],
  strings: [isStrings, 'an array of strings'],
  csv: [isStrings, 'an array of strings', (list: string[]) => list.join(',')],
  map: [
    (v) => isRecord(v) && Object.values(v).every((x) => x === null || typeof x === 'string' || typeof x === 'number'),
    'an object of strings, numbers or null',
  ],
  file: [isFile, 'a file'],
};

/**
 * The attributes as they are sent (a `Date` as ISO 8601 or its day, `undefined` left out), or an
 * `AttributeError` for an unknown name, a wrong type or a missing required one: before anything is sent.
 */
function checked<T extends object>(
  writes: Writes<T>,
  attributes: unknown,
  query: string,
  required: readonly string[],
): Attributes {
  if (!isRecord(attributes))
    throw new AttributeError(`${query}() takes an object of attributes, not ${kindOf(attributes)}`, '');
  const sent: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    const type: AttributeType | undefined = Object.prototype.hasOwnProperty.call(writes.attributes, name)
      ? writes.attributes[name]
      : undefined;
    if (!type)
      throw new AttributeError(
        `${query}(): unknown attribute "${name}"; the ${writes.row.name} attributes are ` +
          Object.keys(writes.attributes).join(', '),
        name,
      );
    if (typeof type !== 'string') {
      if (!type.includes(value as string | number | null))
        throw new AttributeError(
          `${query}(): ${name} must be one of ${type.map((v) => JSON.stringify(v)).join(', ')}, ` +
            `not ${JSON.stringify(value)}`,
          name,
        );
      sent[name] = value;
      continue;
    }
    const kind = type.replace('?', '') as AttributeKind;
    const [fits, expected, send] = KINDS[kind];
    if (!(value === null ? type.endsWith('?') : fits(value)))
      throw new AttributeError(
        `${query}(): ${name} must be ${expected}${type.endsWith('?') ? ' or null' : ''}, not ${kindOf(value)}`,
        name,
      );
    sent[name] = value !== null && send ? send(value) : value;
  }
  for (const name of required)
    if (sent[name] === undefined) throw new AttributeError(`${query}(): ${name} is required`, name);
  return sent;
}
