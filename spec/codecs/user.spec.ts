import { codecs, decodeEntity, User } from '../../lib/codecs';
import { DecodeError } from '../../lib/core/errors';
import { entityResponses } from '../support/recordings';
import { decodeOrThrow, errorPaths } from './support';

// GET /users (portfolio): full users and users with a hidden profile (id, login, name, picture only).
const listed = entityResponses().find((r) => r.file === 'portfolio-users/list.json')!.json as Array<
  Record<string, unknown>
>;
const full = listed.find((u) => 'email' in u)!;
const partial = listed.find((u) => !('email' in u))!;
const URL = 'GET https://api.assembla.com/v1/users';

const decoded = (json: unknown): User => decodeOrThrow(codecs.User, json);

const paths = (json: unknown): string[] => errorPaths(codecs.User, json);

describe('codecs/user', () => {
  beforeEach(() => expect.hasAssertions());

  it('decodes a recorded full user', () => {
    expect(decoded(full)).toEqual(full);
    expect(decoded(full).im).toEqual({ type: null, id: null });
  });

  it('decodes a recorded user with a hidden profile, leaving the absent keys out', () => {
    const u = decoded(partial);
    expect(Object.keys(u).sort()).toEqual(['id', 'login', 'name', 'picture']);
    expect(decoded({ id: 'x', login: 'l', name: 'n' })).toEqual({ id: 'x', login: 'l', name: 'n' });
  });

  it('decodes im handles with values', () => {
    expect(decoded({ ...full, im: { type: 'skype', id: 'dev1' }, im2: { type: 'jabber', id: null } })).toMatchObject({
      im: { type: 'skype', id: 'dev1' },
      im2: { type: 'jabber', id: null },
    });
  });

  it('fails inside an im handle with the nested path', () => {
    expect(paths({ ...full, im: { type: 3, id: null } })).toEqual(['im.type']);
    expect(paths({ ...full, im2: null })).toEqual(['im2']);
    expect(() => decodeEntity(codecs.User, { ...full, im: { type: 3, id: null } }, URL)).toThrow(
      `${URL}: field im.type should be a string or null but is 3`,
    );
  });

  it('fails on a missing or wrongly typed field, naming it', () => {
    const { login: _, ...noLogin } = full;
    expect(paths(noLogin)).toEqual(['login']);
    expect(paths({ ...full, email: null, phone: 5 })).toEqual(['email', 'phone']);
  });

  it('keeps unknown fields, also inside im', () => {
    const u = decoded({ ...full, time_zone: 'UTC', im: { type: null, id: null, verified: false } }) as User & {
      time_zone: string;
    };
    expect(u.time_zone).toBe('UTC');
    expect(u.im).toEqual({ type: null, id: null, verified: false });
  });

  it('throws a DecodeError with the URL and path', () => {
    expect(() => decodeEntity(codecs.User, { ...full, name: 7 }, URL)).toThrow(DecodeError);
  });

  it('knows its 9 fields, the profile ones optional', () => {
    expect(Object.keys(codecs.User.fields)).toEqual(Object.keys(full));
    for (const k of ['picture', 'email', 'organization', 'phone', 'im', 'im2'])
      expect(codecs.User.fields[k].optional).toBe(true);
    for (const k of ['id', 'login', 'name']) expect(codecs.User.fields[k].optional).toBe(false);
    expect(codecs.User.fields.im.kind).toBe('object');
    expect(codecs.User.encode(decoded(full))).toEqual(full);
  });
});
