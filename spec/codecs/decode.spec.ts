import * as t from 'io-ts';
import { codecs, decodeEntity, decodeList, EntityCodec, Timestamp } from '../../lib/codecs';
import { DecodeError } from '../../lib/core/errors';
import { entityResponses } from '../support/recordings';

const wire = entityResponses().find((r) => r.file === 'space-tickets/get.json' && r.method === 'GET')!.json as Record<
  string,
  unknown
>;
const URL = 'GET https://api.assembla.com/v1/spaces/s/tickets';

/** The DecodeError that `run` throws (fails the test if it throws nothing, or something else). */
function thrown(run: () => unknown): DecodeError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError);
    return e as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

describe('codecs/decode', () => {
  beforeEach(() => expect.hasAssertions());

  it('decodeEntity returns the decoded value', () => {
    expect(decodeEntity(codecs.Ticket, wire, URL).created_on).toBeInstanceOf(Date);
  });

  it('decodeEntity throws a DecodeError for the first failure, with URL, path, expected and actual', () => {
    const e = thrown(() => decodeEntity(codecs.Ticket, { ...wire, priority: 'abc', created_on: 'x' }, URL));
    expect(e).toMatchObject({
      name: 'DecodeError',
      url: URL,
      path: 'priority',
      expected: 'an integer',
      actual: '"abc"',
    });
    expect(e.message).toBe(`${URL}: field priority should be an integer but is "abc"`);
  });

  it('decodeEntity fails at the root for a non-object', () => {
    const e = thrown(() => decodeEntity(codecs.Ticket, [wire], URL));
    expect(e.path).toBe('');
    expect(e.message).toContain('(root)');
    expect(e.message).toContain('a Ticket object');
  });

  it('decodeList decodes every item, in order', () => {
    const list = decodeList(codecs.Ticket, [wire, { ...wire, id: 18, number: 2 }], URL);
    expect(list.map((x) => x.number)).toEqual([1, 2]);
    expect(decodeList(codecs.Ticket, [], URL)).toEqual([]);
  });

  it('decodeList names the item and the field: [3].created_on', () => {
    const items = [wire, wire, wire, { ...wire, created_on: 'yesterday' }, { ...wire, id: 'x' }];
    const e = thrown(() => decodeList(codecs.Ticket, items, URL));
    expect(e.path).toBe('[3].created_on');
    expect(e.message).toContain(URL);
    expect(e.message).toContain('[3].created_on');
    expect(e.actual).toBe('"yesterday"');
  });

  it('decodeList names nested paths and awkward keys', () => {
    const user = { id: 'i', login: 'l', name: 'n', im: { type: 1, id: null } };
    expect(thrown(() => decodeList(codecs.User, [user], URL)).path).toBe('[0].im.type');
    const tk = { ...wire, custom_fields: { 'Found in': 2 } };
    expect(thrown(() => decodeList(codecs.Ticket, [tk], URL)).path).toBe('[0].custom_fields["Found in"]');
  });

  it('decodeList requires an array', () => {
    const e = thrown(() => decodeList(codecs.Ticket, wire, URL));
    expect(e.path).toBe('');
    expect(e.expected).toBe('an array of Ticket');
    expect(thrown(() => decodeList(codecs.Ticket, null, URL)).actual).toBe('null');
  });

  it('work with any EntityCodec, not only the built-in ones', () => {
    const Plain = Object.assign(t.type({ id: t.number, at: Timestamp }), {
      fields: {
        id: { kind: 'number', nullable: false, optional: false },
        at: { kind: 'datetime', nullable: false, optional: false },
      },
    }) as unknown as EntityCodec<{ id: number; at: Date }>;
    expect(decodeList(Plain, [{ id: 1, at: '2014-09-10T13:39:40Z' }], URL)[0].at).toBeInstanceOf(Date);
    expect(thrown(() => decodeList(Plain, [{ id: 1, at: 'x' }], URL)).path).toBe('[0].at');
    expect(thrown(() => decodeEntity(Plain, { id: 'one', at: 'x' }, URL)).path).toBe('id');
  });
});
