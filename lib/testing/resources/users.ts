// Users (digest §14): the caller, a space's members, everyone visible; their wire type and seed.
import type { Random } from '../chaos/random';
import { json, list } from '../http/replies';
import { found, inSpace, type Handler } from './context';
import type { FakeResource } from './resource';

/** An instant-messenger account of a user; both parts null when unset. */
export interface WireIm {
  type: string | null;
  id: string | null;
}

/** A user with the full profile (`GET /users/:id_or_login`, `GET /spaces/:space/users`). */
export interface WireUser {
  id: string;
  login: string;
  name: string;
  picture: string;
  email: string;
  organization: string | null;
  phone: string | null;
  im: WireIm;
  im2: WireIm;
}

const PEOPLE: ReadonlyArray<readonly [login: string, name: string]> = [
  ['jsmith', 'John Smith'],
  ['mgarcia', 'Maria Garcia'],
  ['achen', 'Alice Chen'],
  ['bwilson', 'Bob Wilson'],
  ['pkumar', 'Priya Kumar'],
  ['tnguyen', 'Tuan Nguyen'],
  ['ekowalski', 'Ewa Kowalski'],
  ['dbrown', 'David Brown'],
  ['sjohansson', 'Sofia Johansson'],
  ['omartin', 'Olivier Martin'],
  ['ltanaka', 'Luca Tanaka'],
  ['rpatel', 'Raj Patel'],
];

/** Every seeded person, John Smith (the caller) first. */
export function makeUsers(random: Random, newId: () => string): WireUser[] {
  return PEOPLE.map(([login, name], i) => makeUser(random, newId(), login, name, i));
}

function makeUser(random: Random, id: string, login: string, name: string, index: number): WireUser {
  const [first] = name.split(' ');
  return {
    id,
    login,
    name,
    picture: index % 3 === 2 ? '' : `https://www.assembla.com/v1/users/${id}/picture`,
    email: `${login}@example.com`,
    organization: index % 4 === 3 ? null : random.pick(['Example Inc.', 'Example Labs', 'Contractor']),
    phone: index % 2 === 1 ? null : `+1-555-01${String(10 + index).padStart(2, '0')}`,
    im: index % 3 === 0 ? { type: 'Skype', id: `${login}.work` } : { type: null, id: null },
    im2: index === 0 ? { type: 'Jabber', id: `${first.toLowerCase()}@chat.example.com` } : { type: null, id: null },
  };
}

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
