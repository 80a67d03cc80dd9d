// Wiki pages and their versions (digest §16), unpaged. A page is found by id, or by page_name
// unless the server's `wikiByName` is off (a GET by name is unconfirmed on the real API). Writes:
// 201 + the page + a Location by page_name (spec/fixtures/recordings/wiki-pages/create.json), 204
// for an update (edit.json) and for both deletes (delete.json, delete-container.json). Every save
// of new contents is a version, and each version is a Wiki Page event of the activity stream
// (activity.ts reads them), so a write leaves its event as a real one does.
import { randomBytes } from 'node:crypto';
import { attributes, nullable, type FieldErrors } from '../http/body';
import { json, list, noContent, notFound, unprocessable, type Reply } from '../http/replies';
import { isoSeconds } from '../http/time';
import { Validation } from '../http/validation';
import { recordEvent, wikiEvent } from './activity';
import { found, inSpace, type Context } from './context';
import type { FakeResource, SeedContext } from './resource';
import type { WireSpace } from './spaces';

/** A wiki page: its latest version's contents and number. */
export interface WireWikiPage {
  id: string;
  page_name: string;
  contents: string;
  /** 0 private, 1 active, 2 archived. */
  status: number;
  version: number;
  position: number;
  wiki_format: number;
  change_comment: string | null;
  parent_id: string | null;
  space_id: string;
  user_id: string;
  created_at: string;
  updated_at: string;
}

/** One version of a wiki page. */
export interface WireWikiVersion {
  id: number;
  contents: string;
  change_comment: string | null;
  version: number;
  wiki_page_id: string;
  user_id: string;
  created_at: string;
  updated_at: string;
}

interface PageSpec {
  name: string;
  parent: string | null;
  status: number;
  versions: number;
  daysBeforeEnd: number;
}

// Big Project's pages; other spaces get Home only.
const BIG_PAGES: PageSpec[] = [
  { name: 'Home', parent: null, status: 1, versions: 3, daysBeforeEnd: 100 },
  { name: 'Setup', parent: 'Home', status: 1, versions: 2, daysBeforeEnd: 30 },
  { name: 'Release Process', parent: 'Home', status: 1, versions: 1, daysBeforeEnd: 10 },
  { name: 'Archived Notes', parent: null, status: 2, versions: 1, daysBeforeEnd: 200 },
];

/** Versions a day apart; each page's last version is its current contents. */
function seed(ctx: SeedContext): void {
  const pages: WireWikiPage[] = (ctx.data.wikiPages[ctx.space.id] = []);
  const versions: WireWikiVersion[] = (ctx.data.wikiVersions[ctx.space.id] = []);
  const specs = ctx.big ? BIG_PAGES : BIG_PAGES.slice(0, 1);
  specs.forEach((spec, position) => {
    const id = ctx.newId();
    const start = ctx.end - spec.daysBeforeEnd * 86_400_000 + ctx.random.int(0, 36_000) * 1000;
    const author = ctx.random.pick(ctx.users).id;
    let last: WireWikiVersion | undefined;
    for (let v = 1; v <= spec.versions; v++) {
      const at = isoSeconds(start + (v - 1) * 86_400_000);
      last = {
        id: ctx.nextId('wikiVersion'),
        contents: `<h1>${spec.name}</h1>\n<p>Revision ${v} of the ${spec.name.toLowerCase()} page.</p>`,
        change_comment: v === 1 ? null : `Revision ${v}`,
        version: v,
        wiki_page_id: id,
        user_id: v === 1 ? author : ctx.random.pick(ctx.users).id,
        created_at: at,
        updated_at: at,
      };
      versions.push(last);
    }
    pages.push({
      id,
      page_name: spec.name,
      contents: last!.contents,
      status: spec.status,
      version: spec.versions,
      position: position + 1,
      wiki_format: 3,
      change_comment: last!.change_comment,
      parent_id: spec.parent === null ? null : (pages.find((p) => p.page_name === spec.parent)?.id ?? null),
      space_id: ctx.space.id,
      user_id: author,
      created_at: isoSeconds(start),
      updated_at: last!.updated_at,
    });
  });
}

function onPage(handler: (ctx: Context, space: WireSpace, page: WireWikiPage) => Reply) {
  return inSpace((ctx, space) => {
    const pages = ctx.store.of('wikiPages', space.id);
    const ref = ctx.params.page;
    const page =
      pages.find((p) => p.id === ref) ??
      (ctx.semantics.wikiByName ? pages.find((p) => p.page_name === ref) : undefined);
    return page ? handler(ctx, space, page) : notFound();
  });
}

const MAX_PAGE_NAME = 50; // digest §16
const STATUSES = [0, 1, 2]; // private, active, archived
const FORMATS = [0, 1, 2, 3, 4, 5]; // the gem's range; 3 (HTML) is the default

/** `POST /spaces/:space/wiki_pages`: `page_name` (unique, at most 50 characters) and `contents` required. */
const createPage = inSpace((ctx, space) => {
  const pages = ctx.store.of('wikiPages', space.id);
  const now = isoSeconds(ctx.now);
  const draft: WireWikiPage = {
    id: randomBytes(16).toString('base64url'), // 22 characters, like Assembla's ids
    page_name: '',
    contents: '',
    status: 1,
    version: 1,
    position: pages.reduce((max, p) => Math.max(max, p.position), 0) + 1,
    wiki_format: 3,
    change_comment: null,
    parent_id: null,
    space_id: space.id,
    user_id: ctx.store.data.me.id,
    created_at: now,
    updated_at: now,
  };
  const result = applyPage(ctx, pages, draft, true);
  if ('errors' in result) return unprocessable(result.errors);
  const page = result.page;
  pages.push(page);
  addVersion(ctx, space, page);
  recordEvent(ctx, space, wikiEvent(page, 'created'));
  return json(page, 201, {
    Location: `${ctx.baseUrl}/v1/spaces/${space.id}/wiki_pages/${encodeURIComponent(page.page_name)}`,
  });
});

/** `PUT /spaces/:space/wiki_pages/:page`: 204; new contents are a new version. */
const updatePage = onPage((ctx, space, current) => {
  const pages = ctx.store.of('wikiPages', space.id);
  const result = applyPage(ctx, pages, current, false);
  if ('errors' in result) return unprocessable(result.errors);
  const changed = result.page.contents !== current.contents;
  const page = {
    ...result.page,
    version: changed ? current.version + 1 : current.version,
    updated_at: isoSeconds(ctx.now),
  };
  pages[pages.indexOf(current)] = page;
  if (changed) addVersion(ctx, space, page);
  else ctx.store.touch(space.id);
  recordEvent(ctx, space, wikiEvent(page, 'updated'));
  return noContent();
});

/**
 * `DELETE /spaces/:space/wiki_pages/:page/all` deletes the page and every page under it;
 * `.../container` deletes the page alone and moves its children up to its parent. The recordings
 * only show both answer 204; what each deletes is the gem's naming read literally (digest: unknown).
 */
function deletePage(which: 'all' | 'container') {
  return onPage((ctx, space, page) => {
    const pages = ctx.store.of('wikiPages', space.id);
    const gone = which === 'all' ? subtree(pages, page.id) : new Set([page.id]);
    pages.forEach((p, i) => {
      if (p.parent_id === page.id && !gone.has(p.id)) pages[i] = { ...p, parent_id: page.parent_id };
    });
    for (const p of pages) if (gone.has(p.id)) recordEvent(ctx, space, wikiEvent(p, 'deleted'));
    removeWhere(pages, (p) => gone.has(p.id));
    removeWhere(ctx.store.of('wikiVersions', space.id), (v) => gone.has(v.wiki_page_id));
    ctx.store.touch(space.id);
    return noContent();
  });
}

function applyPage(
  ctx: Context,
  pages: readonly WireWikiPage[],
  current: WireWikiPage,
  creating: boolean,
): { page: WireWikiPage } | { errors: FieldErrors } {
  const attrs = attributes(ctx.body, 'wiki_page');
  const has = (name: string): boolean => attrs[name] !== undefined;
  const v = new Validation();
  const page = { ...current };
  if (creating || has('page_name')) {
    const others = pages.filter((p) => p.id !== current.id).map((p) => p.page_name);
    page.page_name = v.name('page_name', attrs.page_name, others, MAX_PAGE_NAME) ?? page.page_name;
  }
  if (creating || has('contents')) {
    if (typeof attrs.contents !== 'string' || attrs.contents === '') v.fail('contents', "can't be blank");
    else page.contents = attrs.contents;
  }
  if (has('status')) page.status = v.oneOf('status', attrs.status, STATUSES) ?? page.status;
  if (has('wiki_format')) page.wiki_format = v.oneOf('wiki_format', attrs.wiki_format, FORMATS) ?? page.wiki_format;
  if (has('position')) page.position = v.integer('position', attrs.position) ?? page.position;
  // A change comment describes the save it comes with: a save without one has none.
  if (creating || has('change_comment') || page.contents !== current.contents)
    page.change_comment = has('change_comment') ? (nullable(attrs.change_comment, String) ?? null) : null;
  if (has('parent_id')) {
    const parent = nullable(attrs.parent_id, String);
    if (parent !== null && (parent === undefined || isUnder(pages, parent, current.id)))
      v.fail('parent_id', 'is invalid');
    else page.parent_id = parent;
  }
  return v.failed ? { errors: v.errors } : { page };
}

// Whether `id` is no page of the space, or the page itself or one of its descendants (a cycle).
function isUnder(pages: readonly WireWikiPage[], id: string, pageId: string): boolean {
  for (let at = pages.find((p) => p.id === id); at; at = pages.find((p) => p.id === at!.parent_id))
    if (at.id === pageId) return true;
  return !pages.some((p) => p.id === id);
}

/**
 * Records a save of a page's contents as its next version, which activity.ts turns into a Wiki
 * Page event ('created' for version 1, else 'updated'), the same as the seeded ones.
 */
function addVersion(ctx: Context, space: WireSpace, page: WireWikiPage): void {
  const versions = ctx.store.of('wikiVersions', space.id);
  versions.push({
    id: ctx.store.nextId('wikiVersions'),
    contents: page.contents,
    change_comment: page.change_comment,
    version: page.version,
    wiki_page_id: page.id,
    user_id: ctx.store.data.me.id,
    created_at: page.updated_at,
    updated_at: page.updated_at,
  });
  ctx.store.touch(space.id);
}

/** A page's id and the ids of every page under it. */
function subtree(pages: readonly WireWikiPage[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  for (const id of ids) for (const p of pages) if (p.parent_id === id) ids.add(p.id);
  return ids;
}

function removeWhere<T>(items: T[], gone: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i--) if (gone(items[i])) items.splice(i, 1);
}

const versionsOf = (ctx: Context, space: WireSpace, page: WireWikiPage): WireWikiVersion[] =>
  ctx.store.of('wikiVersions', space.id).filter((v) => v.wiki_page_id === page.id);

export const wiki: FakeResource = {
  name: 'wiki page',
  routes: [
    ['GET', '/spaces/:space/wiki_pages', inSpace(({ store }, s) => list(store.of('wikiPages', s.id)))],
    ['GET', '/spaces/:space/wiki_pages/:page', onPage((_ctx, _s, page) => found(page))],
    ['GET', '/spaces/:space/wiki_pages/:page/versions', onPage((ctx, s, page) => list(versionsOf(ctx, s, page)))],
    [
      'GET',
      '/spaces/:space/wiki_pages/:page/versions/:id',
      onPage((ctx, s, page) => found(versionsOf(ctx, s, page).find((v) => v.id === Number(ctx.params.id)))),
    ],
    ['POST', '/spaces/:space/wiki_pages', createPage],
    ['PUT', '/spaces/:space/wiki_pages/:page', updatePage],
    ['DELETE', '/spaces/:space/wiki_pages/:page/all', deletePage('all')],
    ['DELETE', '/spaces/:space/wiki_pages/:page/container', deletePage('container')],
  ],
  seed,
};
