// Users (digest §14): the caller, a space's members, everyone visible. Wire type and seed: data.ts.
import { found, inSpace, type Handler } from '../context';
import { json, list } from '../replies';
import type { FakeResource } from './resource';

/** `GET /spaces/:space/users`: the members, unpaged. */
const listSpaceUsers = inSpace(({ store }, space) => list(store.users(space.id)));

/** `GET /users`: everyone the caller can see (the portfolio listing), unpaged. */
const listUsers: Handler = ({ store }) => list(store.allUsers());

/** `GET /user`: the caller. */
const getMe: Handler = ({ store }) => json(store.data.me);

/** `GET /users/:user`: by id or login. */
const getUser: Handler = ({ store, params }) => found(store.user(params.user));

export const users: FakeResource = {
  name: 'user',
  routes: [
    ['GET', '/spaces/:space/users', listSpaceUsers],
    ['GET', '/user', getMe],
    ['GET', '/users', listUsers],
    ['GET', '/users/:user', getUser],
  ],
};
