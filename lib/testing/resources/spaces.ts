// Spaces (digest §4): the caller's spaces, by id or wiki_name. Wire type and seed: data.ts.
import { found, inSpace, type Handler } from '../context';
import { list } from '../replies';
import type { FakeResource } from './resource';

/** `GET /spaces`: every space of the caller, unpaged. */
const listSpaces: Handler = ({ store }) => list(store.data.spaces);

const getSpace = inSpace((_ctx, space) => found(space));

export const spaces: FakeResource = {
  name: 'space',
  routes: [
    ['GET', '/spaces', listSpaces],
    ['GET', '/spaces/:space', getSpace],
  ],
};
