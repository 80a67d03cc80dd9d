// Every real recorded response holding spaces, milestones, users or tickets must decode.
import { codecs, decodeEntity, decodeList, EntityCodec } from '../../lib/codecs';
import { EntityKind, entityResponses } from '../support/recordings';

/** The decoded items of a response, and whether each passes the codec's `is`. */
function decodeAll<A>(codec: EntityCodec<A>, json: unknown, url: string): Array<[A, boolean]> {
  const items = Array.isArray(json) ? decodeList(codec, json, url) : [decodeEntity(codec, json, url)];
  return items.map((a) => [a, codec.is(a)]);
}

const responses = entityResponses();

describe('codecs/recordings', () => {
  beforeEach(() => expect.hasAssertions());

  it.each(responses.map((r) => [`${r.kind}: ${r.method} ${r.path} (${r.file})`, r] as const))('decodes %s', (_, r) => {
    const url = `${r.method} ${r.path}`;
    const items =
      r.kind === 'space'
        ? decodeAll(codecs.Space, r.json, url)
        : r.kind === 'milestone'
          ? decodeAll(codecs.Milestone, r.json, url)
          : r.kind === 'user'
            ? decodeAll(codecs.User, r.json, url)
            : decodeAll(codecs.Ticket, r.json, url);
    expect(items.length).toBe(Array.isArray(r.json) ? r.json.length : 1);
    for (const [, valid] of items) expect(valid).toBe(true);
  });

  it('covers every kind: responses and objects per kind', () => {
    const count = (kind: EntityKind): [number, number] => {
      const rs = responses.filter((r) => r.kind === kind);
      return [rs.length, rs.reduce((n, r) => n + (Array.isArray(r.json) ? r.json.length : 1), 0)];
    };
    const counts = {
      space: count('space'),
      milestone: count('milestone'),
      user: count('user'),
      ticket: count('ticket'),
    };
    console.log(`recorded [responses, objects] per kind: ${JSON.stringify(counts)}`);
    // The fixtures are fixed; a different count means the loader or the fixtures changed.
    expect(counts).toEqual({ space: [129, 430], milestone: [13, 13], user: [9, 13], ticket: [31, 31] });
  });
});
