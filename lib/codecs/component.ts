// A ticket component, as /spaces/:space/ticket_components[/:id] answer it (digest section 11:
// deprecated in favour of custom fields, not recorded; the docs' sample is `{"id":32,"name":"mycomponent"}`).
import { entity, EntityOf } from './entity';
import { Integer, Str } from './primitives';

const componentFields = {
  id: Integer,
  name: Str,
};

/** A decoded ticket component. */
export type Component = EntityOf<typeof componentFields>;

/**
 * Codec for a ticket component.
 *
 * @example
 * Component.decode({ id: 32, name: 'mycomponent' })  // right({ id: 32, name: 'mycomponent' })
 */
export const Component = entity('Component', componentFields);
