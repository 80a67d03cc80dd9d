// Ticket components (digest §11, deprecated): `{ id, name }`, unpaged; never recorded. Writes take
// a bare value, `{"component": "name"}` (or form-encoded `component=name`), not a wrapped object:
// 201 + Location + the component as the docs show it, 204 for updates (the docs say 200 `{}`, but
// every recorded PUT answered 204, digest §1) and deletes. Deleting one leaves its tickets'
// `component_id` as it is (the digest does not say).
import { isRecord, type FieldErrors } from '../http/body';
import { json, list, noContent, notFound, unprocessable } from '../http/replies';
import { Validation } from '../http/validation';
import { found, inSpace, type Context } from './context';
import type { FakeResource, SeedContext } from './resource';

/** A ticket component. */
export interface WireComponent {
  id: number;
  name: string;
}

/** Big Project: Frontend, Backend, Infrastructure; other spaces none. */
function seed(ctx: SeedContext): void {
  ctx.data.components[ctx.space.id] = ctx.big
    ? ['Frontend', 'Backend', 'Infrastructure'].map((name) => ({ id: ctx.nextId('component'), name }))
    : [];
}

/** `POST /spaces/:space/ticket_components`: the name is required and unique in the space. */
const createComponent = inSpace((ctx, space) => {
  const components = ctx.store.of('components', space.id);
  const result = nameOf(ctx, components, undefined);
  if ('errors' in result) return unprocessable(result.errors);
  const component = { id: ctx.store.nextId('components'), name: result.name };
  components.push(component);
  ctx.store.touch(space.id);
  return json(component, 201, {
    Location: `${ctx.baseUrl}/v1/spaces/${space.id}/ticket_components/${component.id}`,
  });
});

/** `PUT /spaces/:space/ticket_components/:id`: 204. */
const updateComponent = inSpace((ctx, space) => {
  const components = ctx.store.of('components', space.id);
  const i = components.findIndex((c) => c.id === Number(ctx.params.id));
  if (i < 0) return notFound();
  const result = nameOf(ctx, components, components[i].id);
  if ('errors' in result) return unprocessable(result.errors);
  components[i] = { ...components[i], name: result.name };
  ctx.store.touch(space.id);
  return noContent();
});

/** `DELETE /spaces/:space/ticket_components/:id`: 204. */
const deleteComponent = inSpace((ctx, space) => {
  const components = ctx.store.of('components', space.id);
  const i = components.findIndex((c) => c.id === Number(ctx.params.id));
  if (i < 0) return notFound();
  components.splice(i, 1);
  ctx.store.touch(space.id);
  return noContent();
});

// The bare `component` value; a wrapped `{"component": {"name": ...}}` is read too.
function nameOf(
  ctx: Context,
  components: readonly WireComponent[],
  id: number | undefined,
): { name: string } | { errors: FieldErrors } {
  const value = isRecord(ctx.body) ? ctx.body.component : undefined;
  const v = new Validation();
  const others = components.filter((c) => c.id !== id).map((c) => c.name);
  const name = v.name('name', isRecord(value) ? value.name : value, others);
  return name === undefined ? { errors: v.errors } : { name };
}

export const components: FakeResource = {
  name: 'component',
  routes: [
    ['GET', '/spaces/:space/ticket_components', inSpace(({ store }, s) => list(store.of('components', s.id)))],
    [
      'GET',
      '/spaces/:space/ticket_components/:id',
      inSpace(({ store, params }, s) => found(store.of('components', s.id).find((c) => c.id === Number(params.id)))),
    ],
    ['POST', '/spaces/:space/ticket_components', createComponent],
    ['PUT', '/spaces/:space/ticket_components/:id', updateComponent],
    ['DELETE', '/spaces/:space/ticket_components/:id', deleteComponent],
  ],
  seed,
};
