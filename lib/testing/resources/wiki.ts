// Wiki pages and their versions (digest §16), unpaged. A page is found by id, or by page_name
// unless the server's `wikiByName` is off (a GET by name is unconfirmed on the real API).
import { list, notFound, type Reply } from '../http/replies';
import { isoSeconds } from '../http/time';
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
  ],
  seed,
};
