import { codecs, decodeEntity, SpaceData } from '../../lib/codecs';
import { DecodeError } from '../../lib/core/errors';
import { entityResponses } from '../support/recordings';
import { decodeOrThrow, errorPaths } from './support';

const recorded = entityResponses().filter((r) => r.kind === 'space');
// GET /spaces/api-test: +03:00 timestamps and a YAML tabs_order.
const wire = recorded.find((r) => r.file === 'spaces/get.json' && r.method === 'GET')!.json as Record<string, unknown>;
// POST /spaces: Z timestamps, nulls.
const created = recorded.find((r) => r.method === 'POST')!.json as Record<string, unknown>;
const URL = 'GET https://api.assembla.com/v1/spaces/api-test';

const decoded = (json: unknown): SpaceData => decodeOrThrow(codecs.Space, json);

const paths = (json: unknown): string[] => errorPaths(codecs.Space, json);

describe('codecs/space', () => {
  beforeEach(() => expect.hasAssertions());

  it('decodes a recorded GET with offset timestamps and YAML tabs_order', () => {
    expect(wire.created_at).toMatch(/\+03:00$/);
    const s = decoded(wire);
    expect(s.created_at).toEqual(new Date(Date.parse(wire.created_at as string)));
    expect(s.updated_at).toBeInstanceOf(Date);
    expect(typeof s.tabs_order).toBe('string');
    expect(s).toMatchObject({ id: wire.id, name: wire.name, wiki_name: wire.wiki_name, status: 1, restricted: false });
  });

  it('decodes a recorded create response, keeping nulls', () => {
    const s = decoded(created);
    expect(s.commercial_from).toBeInstanceOf(Date);
    expect(s).toMatchObject({
      description: null,
      tabs_order: null,
      restricted_date: null,
      banner: null,
      banner_height: null,
      last_payer_changed_at: null,
    });
  });

  it('coerces numeric strings in integer fields', () => {
    expect(decoded({ ...created, team_permissions: '3', banner_height: '100' })).toMatchObject({
      team_permissions: 3,
      banner_height: 100,
    });
  });

  it('fails on a missing or wrongly typed field, naming it', () => {
    const { name: _, ...noName } = created;
    expect(paths(noName)).toEqual(['name']);
    expect(paths({ ...created, share_permissions: 'yes', created_at: '2014-09-10' })).toEqual([
      'share_permissions',
      'created_at',
    ]);
    expect(paths({ ...created, public_permissions: 'abc' })).toEqual(['public_permissions']);
    expect(paths({ ...created, id: null })).toEqual(['id']);
  });

  it('keeps unknown fields', () => {
    expect(
      (decoded({ ...created, tool_perms: { tickets: 1 } }) as SpaceData & { tool_perms: unknown }).tool_perms,
    ).toEqual({ tickets: 1 });
  });

  it('throws a DecodeError with the URL and path', () => {
    expect(() => decodeEntity(codecs.Space, { ...created, restricted_date: 'never' }, URL)).toThrow(DecodeError);
    expect(() => decodeEntity(codecs.Space, { ...created, restricted_date: 'never' }, URL)).toThrow(
      `${URL}: field restricted_date`,
    );
  });

  it('encodes back to wire JSON (timestamps as UTC)', () => {
    const json = codecs.Space.encode(decoded(created));
    expect(json).toEqual(created);
  });

  it('knows all 30 fields, Date fields typed read-only', () => {
    expect(Object.keys(codecs.Space.fields).sort()).toEqual(Object.keys(wire).sort());
    expect(Object.keys(codecs.Space.fields)).toHaveLength(30);
    const typeChecks = (s: SpaceData): void => {
      // @ts-expect-error Date fields are read-only
      s.created_at = new Date();
      // @ts-expect-error every field is read-only (entities are frozen)
      s.name = 'other';
    };
    void typeChecks;
  });
});
