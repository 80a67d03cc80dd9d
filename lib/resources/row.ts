// What a resource is, as data: the engine (lib/engine/) reads these rows and knows no resource by name.
// As Octokit's endpoint rows (ARCHITECTURE.md): a row says where a list lives for each parent, how an
// entity is looked up directly, how the list pages and orders, and what its cache entries are tagged with.
import type { Observable } from 'rxjs';
import type { EntityCodec } from '../codecs';
import type { Params } from '../transport/types';

/** A route template: `{space}` is the space id, `{field}` a field of the parent (lists) or of the filter (lookups). */
export type Route = string;

/**
 * How a resource's list is read from one kind of parent.
 *
 * @example { path: '/spaces/{space}/tickets/milestone/{id}', within: (t, m) => t.milestone_id === m.id }
 */
export interface Source<T, P = never> {
  /** Where the list is read; without one, the list is the space's list passed through `within`. */
  readonly path?: Route;
  /** Query parameters always sent (a query's own `params` go on top); `{space}` in a value is the space's id. */
  readonly params?: Params;
  /** Whether the list comes in pages of `perPage` (default: the row's `paged`). */
  readonly paged?: Paged;
  /**
   * Which of the space's items belong to the parent: a list the space's cached list already holds is
   * answered from it, and a direct lookup must pass it to count as found in this scope.
   */
  readonly within?: (item: T, parent: P) => boolean;
  /** The order a whole list is delivered in (default: the row's `order`, else as the server sends it). */
  readonly order?: (a: T, b: T) => number;
  /** For a list no path gives (e.g. a milestone's users): how it is made from other lists of the scope. */
  readonly read?: (reads: Reads) => Observable<T[]>;
  /** The parent, for messages, e.g. `the tickets of user "Ann"` (default: the parent row's `describe`). */
  readonly describe?: (parent: P) => string;
}

/** What a `Source.read` may use: the lists of other resources in the same scope. */
export interface Reads {
  /** The whole list of `row` in the same scope (cached as any list). */
  list<T extends object>(row: ResourceRow<T>): Observable<T[]>;
  /** The whole list of `row` in the parent's space. */
  spaceList<T extends object>(row: ResourceRow<T>): Observable<T[]>;
}

/**
 * Whether a list comes in pages: `true` (documented), `false` (one request answers it whole), or
 * `'maybe'` (undocumented: read in pages, and a server that ignores `page` is recognised by its page
 * 2 repeating page 1, which ends the list).
 */
export type Paged = boolean | 'maybe';

/** A direct GET that finds one entity by a field of the filter. */
export interface Lookup {
  /** The filter field it needs, e.g. `'number'`; the first lookup whose field the filter gives is used. */
  readonly by: string;
  readonly path: Route;
  /** The API is not known to answer it: a 404 reads the list instead. */
  readonly unconfirmed?: boolean;
}

/**
 * A list sorted by a unique integer field that starts at 1 (tickets by `number`): its highest item
 * bounds it (one probe, sorted descending), and items that deletions shifted out of sight during a
 * long read are found by selecting the missing values (`select`, e.g. `number[]`).
 */
export interface Numbered {
  readonly field: string;
  readonly select: string;
}

/** One resource of the API, for the engine. */
export interface ResourceRow<T extends object> {
  /** Singular, for messages and for what an operator accepts: 'ticket', 'milestone'. */
  readonly name: string;
  /** The cache tag of this resource's lists (`tickets`); an entity's own is `name:field=value`. */
  readonly tag: string;
  readonly codec: EntityCodec<T>;
  /** Where the list is read, by the kind of the parent (`api` for a top-level list such as spaces). */
  readonly from: Readonly<Record<string, Source<T, any>>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Further lists of the same items from a space, chosen with `{ list: name }`. */
  readonly lists?: Readonly<Record<string, Source<T, any>>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Direct lookups, in order of preference. */
  readonly lookups?: readonly Lookup[];
  /** Whether lists come in pages (default false: one request answers the whole list). */
  readonly paged?: Paged;
  /** Items per page when the API pages this list at a fixed size (e.g. tags: 25); default the API's `perPage`. */
  readonly perPage?: number;
  readonly numbered?: Numbered;
  /** What tells two items apart when they have no `id` (paging drops repeats by it); default their `id`. */
  readonly key?: (item: T) => string | number;
  /** The field that names an entity in its space (its cache tag is `name:value`). */
  readonly identity: keyof T & string;
  /** The order a whole list is delivered in, whatever the server's. */
  readonly order?: (a: T, b: T) => number;
  /** An entity as the parent of a scope, for messages: `milestone "Beta"`. */
  readonly describe?: (item: T) => string;
  /** An example filter, for the error of a singular query without one: `{ number: 201 }`. */
  readonly example?: string;
  /** Where an entity's bytes are (documents): `download()` reads them. */
  readonly download?: Route;
  /** Spaces only: the entity is its own space (it carries that space's cache). */
  readonly isSpace?: boolean;
}

/**
 * Declares a resource row (a typed identity: the row is data).
 *
 * @example
 * export const milestones = defineResource({ name: 'milestone', codec: Milestone, identity: 'id', ... });
 */
export function defineResource<T extends object>(row: ResourceRow<T>): ResourceRow<T> {
  return row;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- rows of any item type, as the engine takes them */
/** A row of any resource (the engine's view: it reads rows, not their item types). */
export type AnyRow = ResourceRow<any>;
/** A source of any resource. */
export type AnySource = Source<any, any>;

/**
 * How a write's attributes travel in its body, one encoder each (engine/write.ts): `rails` wraps them
 * in the object's key, `{"ticket":{...}}` (digest §1); `multipart` sends them as multipart/form-data
 * fields named `key[name]`, a `file` attribute as a file part (documents, digest §18). A bare value
 * comes as another member.
 */
export type BodyEncoding =
  | { readonly encoding: 'rails'; readonly key: string }
  | { readonly encoding: 'multipart'; readonly key: string }
  /** One attribute's value alone under `key`: a component is `{"component": "name"}` (digest §11). */
  | { readonly encoding: 'bare'; readonly key: string; readonly attribute: string };

/**
 * What a write changes besides its own entity, as rows: every cached entry of theirs in the space
 * (their lists, and their entities' direct lookups) is dropped after it, and read again when asked
 * for. For effects the SDK cannot patch exactly: a status rename renames its tickets' `status`.
 * A function, as rows name each other (a ticket's status, a status's tickets): the modules import
 * each other, and neither may read the other while it loads.
 */
export interface Effects {
  readonly changes?: () => readonly AnyRow[];
}

/** Where a write goes and how its body is made. */
export interface WriteRoute extends Effects {
  /** Filled from the scope's space and the parent (create) or the entity itself (update, delete). */
  readonly path: Route;
  readonly body: BodyEncoding;
}

/**
 * The type of a writable attribute as the SDK checks it before sending: `strings` is an array of
 * strings (tag names), `csv` the same sent as one comma-separated string (a list field's options),
 * `map` an object of strings, numbers or null (custom fields by title), `date` a valid `Date` (sent
 * as ISO 8601), `day` a valid `Date` sent as its UTC day (`YYYY-MM-DD`), `file` a file part
 * (`FilePart` of transport/multipart.ts). A trailing `?` also takes `null`; an array is the values
 * the attribute may take (`[0, 1]`).
 */
export type AttributeType = AttributeKind | `${AttributeKind}?` | readonly (string | number | null)[];

/** An attribute's type without its `null`. */
export type AttributeKind =
  'string' | 'integer' | 'number' | 'boolean' | 'date' | 'day' | 'strings' | 'csv' | 'map' | 'file';

/**
 * Where a write to a child goes when its routes need its parent's fields (a comment's or an
 * association's ticket `{number}`), which the child does not carry: the parent is found by one of
 * its fields (`field`) equal to one of the child's (`from`).
 */
export interface ParentOf {
  /** A function: rows name each other (a deleted ticket drops its associations), so none reads another as it loads. */
  readonly row: () => AnyRow;
  readonly field: string;
  readonly from: string;
}

/**
 * An attribute that names entities of another resource of the space, checked against that
 * resource's cached whole list before sending (read once, as its query would: one request the first
 * time, none after): a ticket's `status` is a status `name`, its `custom_fields` keys are titles.
 */
export interface Reference {
  readonly row: AnyRow;
  /** The field of that resource the attribute's value names. */
  readonly field: string;
  /** The value is an object whose keys are the names (custom fields by title). */
  readonly keys?: boolean;
  /** Names match in any case (the server finds a status so: lib/testing/resources/tickets.ts). */
  readonly anyCase?: boolean;
}

/**
 * How to find what a POST whose answer was lost would have made (`UncertainWriteError.lookup()`):
 * one fresh GET of a list, newest first, and the first item that matches what was sent (the caller
 * is given, as `me`, for "made by me").
 */
export interface Find<T> {
  readonly path: Route;
  readonly params?: Params;
  readonly match: (item: T, sent: Readonly<Record<string, unknown>>, me: { readonly id: string }) => boolean;
}

/**
 * A resource's writes, as data: the engine (engine/write.ts) reads it and knows no resource by name.
 * Kept next to the row but apart from it, so that a page that only reads carries none of it
 * (spec/package.spec.ts: the bundle budget).
 *
 * @example
 * export const ticketWrites: Writes<Ticket> = { row: tickets, attributes: { summary: 'string' }, ... };
 */
export interface Writes<T extends object> {
  readonly row: ResourceRow<T>;
  /** Every writable attribute and its type (anything else is an `AttributeError` before sending). */
  readonly attributes: Readonly<Record<string, AttributeType>>;
  /**
   * Attributes that name entities of another resource, which the space must have (a function, for
   * the reason `Effects.changes` is one).
   */
  readonly refers?: () => Readonly<Record<string, Reference>>;
  /** POST: answered 201 with the object, which is decoded with the row's codec. */
  readonly create?: WriteRoute & {
    /** Attributes a create must have. */
    readonly required?: readonly string[];
    /** How a create whose answer was lost is looked for. */
    readonly find?: Find<T>;
    /**
     * The server lists a new entity last (its list is in creation order), so it joins the cached
     * whole list at the end; without this or an order of the row, that list is read again.
     */
    readonly appends?: boolean;
    /**
     * The parent's own fields change with it (a comment or an attachment bumps its ticket's
     * `updated_at`): the parent is read again (one request) and replaces its cached copy.
     */
    readonly touchesParent?: boolean;
  };
  /** PUT: answered 204; the entity is then read back (`read`, default the row's identity lookup). */
  readonly update?: WriteRoute & {
    /** Where the entity is read back; default its identity lookup among the row's `lookups`. */
    readonly read?: Route;
    /**
     * The parent whose fields the routes also need, found by one of its fields: a comment's ticket
     * (`{number}`) by `id` equal to the comment's `ticket_id`.
     */
    readonly parent?: ParentOf;
  };
  /** DELETE: answered 204. */
  readonly delete?: Effects & {
    readonly path: Route;
    /** Other DELETE routes of the entity, by name, that an operator may choose (a wiki page's `container`). */
    readonly variants?: Readonly<Record<string, Route>>;
    readonly parent?: ParentOf;
  };
  /**
   * Fields the server derives from a sent attribute, for an optimistic write's view (engine/optimistic.ts):
   * the attribute's value itself, or a field of the item it names in a cached list (`in`: a ticket's
   * `state` is that of the status named `status`; left as it was when the list is not cached).
   */
  readonly derived?: Readonly<Record<string, Derived>>;
}

/**
 * A derived field: the value of attribute `from`, or (`in`) the `take` field of the item whose `by`
 * field equals it in the space's cached list at path `list` (a path, not a row: a row is a call,
 * which a bundler would keep in a page that only reads).
 */
export interface Derived {
  readonly from: string;
  readonly in?: { readonly list: Route; readonly by: string; readonly take: string };
}
