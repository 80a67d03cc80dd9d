// Tags (digest §12): a space's tags (paged by 25, every state, or one state), a tag's tickets
// (paged by 10, like every ticket list), and a ticket's tags (unpaged). States: 1 proposed,
// 2 active, 4 hidden (spec/fixtures/recordings/space-tags/list-*.json). Writes: 201 + Location + the
// tag (spec/fixtures/recordings/space-tags/create.json), 204 for updates and deletes (digest §12).
import { attributes, type FieldErrors } from '../http/body';
import { pageOf, paging } from '../http/paging';
import { json, list, noContent, notFound, unprocessable } from '../http/replies';
import { isoSeconds } from '../http/time';
import { Validation } from '../http/validation';
import { found, inSpace, onTicket, type Context, type Handler } from './context';
import type { FakeResource, SeedContext } from './resource';
import { ticketPage } from './tickets';

/** A space's tag. */
export interface WireTag {
  id: number;
  name: string;
  space_id: string;
  /** 1 proposed, 2 active, 4 hidden; null when created without one (digest §12, the docs' sample). */
  state: number | null;
  created_at: string;
  updated_at: string;
}

/** Which ticket carries which tag (both ids). */
export interface WireTicketTag {
  tag_id: number;
  ticket_id: number;
}

const TAGS_PER_PAGE = 25; // digest §3.1
const STATES: Record<string, number | undefined> = { all: undefined, proposed: 1, active: 2, hidden: 4 };

function listTags(which: keyof typeof STATES): Handler {
  const state = STATES[which];
  return inSpace(({ store, query }, space) => {
    const tags = store.of('tags', space.id).filter((t) => state === undefined || t.state === state);
    return list(pageOf(tags, paging(query, TAGS_PER_PAGE)));
  });
}

const getTag = inSpace(({ store, params }, space) =>
  found(store.of('tags', space.id).find((t) => t.id === Number(params.id))),
);

/** `GET /spaces/:space/tags/:id/tickets`: by number, paged by 10. */
const listTagTickets = inSpace((ctx, space) => {
  const id = Number(ctx.params.id);
  if (!ctx.store.of('tags', space.id).some((t) => t.id === id)) return notFound();
  const ids = new Set(
    ctx.store
      .of('ticketTags', space.id)
      .filter((tt) => tt.tag_id === id)
      .map((tt) => tt.ticket_id),
  );
  const tickets = [...ids].map((tid) => ctx.store.ticketById(space.id, tid)).filter((t) => t !== undefined);
  return ticketPage(
    ctx,
    tickets.sort((a, b) => a.number - b.number),
  );
});

/** `GET /spaces/:space/tickets/:number/tags`: newest tag first, as recorded (space-tickets/tags.json). */
const listTicketTags = onTicket(({ store }, space, ticket) => {
  const ids = new Set(
    store
      .of('ticketTags', space.id)
      .filter((tt) => tt.ticket_id === ticket.id)
      .map((tt) => tt.tag_id),
  );
  return list(
    store
      .of('tags', space.id)
      .filter((t) => ids.has(t.id))
      .sort((a, b) => b.id - a.id),
  );
});

const TAG_STATES = [1, 2, 4];

/** `POST /spaces/:space/tags`: `name` is required and unique in the space; `state` 1, 2 or 4. */
const createTag = inSpace((ctx, space) => {
  const tags = ctx.store.of('tags', space.id);
  const now = isoSeconds(ctx.now);
  const draft: WireTag = { id: 0, name: '', space_id: space.id, state: null, created_at: now, updated_at: now };
  const result = applyTag(ctx, tags, draft, true);
  if ('errors' in result) return unprocessable(result.errors);
  const tag = { ...result.tag, id: ctx.store.nextId('tags') };
  tags.push(tag);
  ctx.store.touch(space.id);
  return json(tag, 201, { Location: `${ctx.baseUrl}/v1/spaces/${space.id}/tags/${tag.id}` });
});

/** `PUT /spaces/:space/tags/:id`: 204. */
const updateTag = inSpace((ctx, space) => {
  const tags = ctx.store.of('tags', space.id);
  const i = tags.findIndex((t) => t.id === Number(ctx.params.id));
  if (i < 0) return notFound();
  const result = applyTag(ctx, tags, tags[i], false);
  if ('errors' in result) return unprocessable(result.errors);
  tags[i] = { ...result.tag, updated_at: isoSeconds(ctx.now) };
  ctx.store.touch(space.id);
  return noContent();
});

/** `DELETE /spaces/:space/tags/:id`: 204; the tag leaves the tickets that carried it. */
const deleteTag = inSpace((ctx, space) => {
  const id = Number(ctx.params.id);
  const tags = ctx.store.of('tags', space.id);
  const i = tags.findIndex((t) => t.id === id);
  if (i < 0) return notFound();
  tags.splice(i, 1);
  const links = ctx.store.of('ticketTags', space.id);
  for (let j = links.length - 1; j >= 0; j--) if (links[j].tag_id === id) links.splice(j, 1);
  ctx.store.touch(space.id);
  return noContent();
});

function applyTag(
  ctx: Context,
  tags: readonly WireTag[],
  current: WireTag,
  creating: boolean,
): { tag: WireTag } | { errors: FieldErrors } {
  const attrs = attributes(ctx.body, 'tag');
  const v = new Validation();
  const tag = { ...current };
  if (creating || attrs.name !== undefined) {
    const others = tags.filter((t) => t.id !== current.id).map((t) => t.name);
    tag.name = v.name('name', attrs.name, others) ?? tag.name;
  }
  if (attrs.state !== undefined)
    tag.state = attrs.state === null ? null : (v.oneOf('state', attrs.state, TAG_STATES) ?? null);
  return v.failed ? { errors: v.errors } : { tag };
}

const BIG_TAGS: Array<[string, number]> = [
  ['Core', 2],
  ['API', 2],
  ['UI', 2],
  ['Backend', 2],
  ['Proposal', 1],
  ['Idea', 1],
  ['Legacy', 4],
  ...Array.from({ length: 23 }, (_, i): [string, number] => [`area-${String(i + 1).padStart(2, '0')}`, 2]),
];
const OTHER_TAGS: Array<[string, number]> = [
  ['Core', 2],
  ['Proposal', 1],
  ['Legacy', 4],
];

/**
 * Big Project: 30 tags (Core, API, UI, Backend active; Proposal, Idea proposed; Legacy hidden;
 * area-01..23 active); other spaces: Core, Proposal, Legacy. Seeded tickets numbered 1..60 (and 201)
 * carry Core when odd, API when a multiple of 3 (201 has both), UI when a multiple of 5.
 */
function seed(ctx: SeedContext): void {
  const created = Date.parse(ctx.space.created_at);
  const tags = (ctx.data.tags[ctx.space.id] = (ctx.big ? BIG_TAGS : OTHER_TAGS).map(([name, state], i) => ({
    id: ctx.nextId('tag'),
    name,
    space_id: ctx.space.id,
    state,
    created_at: isoSeconds(created + i * 60_000),
    updated_at: isoSeconds(created + i * 60_000),
  })));
  const byName = new Map(tags.map((t) => [t.name, t.id]));
  const links: WireTicketTag[] = (ctx.data.ticketTags[ctx.space.id] = []);
  for (const t of ctx.seeded) {
    if (t.number > 60 && t.number !== 201) continue;
    const names = [t.number % 2 === 1 && 'Core', t.number % 3 === 0 && 'API', t.number % 5 === 0 && 'UI'];
    for (const name of names) {
      const id = name ? byName.get(name) : undefined;
      if (id !== undefined) links.push({ tag_id: id, ticket_id: t.id });
    }
  }
}

export const tags: FakeResource = {
  name: 'tag',
  routes: [
    ['GET', '/spaces/:space/tags', listTags('all')],
    ['GET', '/spaces/:space/tags/active', listTags('active')],
    ['GET', '/spaces/:space/tags/proposed', listTags('proposed')],
    ['GET', '/spaces/:space/tags/hidden', listTags('hidden')],
    ['GET', '/spaces/:space/tags/:id', getTag],
    ['GET', '/spaces/:space/tags/:id/tickets', listTagTickets],
    ['GET', '/spaces/:space/tickets/:number/tags', listTicketTags],
    ['POST', '/spaces/:space/tags', createTag],
    ['PUT', '/spaces/:space/tags/:id', updateTag],
    ['DELETE', '/spaces/:space/tags/:id', deleteTag],
  ],
  seed,
};
