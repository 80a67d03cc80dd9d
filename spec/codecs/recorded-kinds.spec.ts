// Every recorded response of every kind decodes with its codec, and every key the server sent is a
// field the codec knows: one table (spec/support/recorded-kinds.ts) drives it all.
import { codecs, decodeEntity, decodeList } from '../../lib/codecs';
import {
  emptyAnswers,
  RECORDED_KINDS,
  RecordedKind,
  recordedObjects,
  recordedResponses,
} from '../support/recorded-kinds';

const name = (row: RecordedKind): string => row.codec.name;

const cases = RECORDED_KINDS.flatMap((row) =>
  recordedResponses(row).map((r) => [`${name(row)}: ${r.method} ${r.path} (${r.file})`, row, r] as const),
);

describe('codecs/recorded-kinds', () => {
  beforeEach(() => expect.hasAssertions());

  it('has one row for each codec in `codecs`', () => {
    expect(RECORDED_KINDS.map(name).sort()).toEqual(Object.keys(codecs).sort());
  });

  it.each(cases)('decodes %s', (_, row, r) => {
    const url = `${r.method} ${r.path}`;
    const items = Array.isArray(r.json) ? decodeList(row.codec, r.json, url) : [decodeEntity(row.codec, r.json, url)];
    const recorded = recordedObjects([r]);
    expect(items).toHaveLength(recorded.length);
    items.forEach((item: Record<string, unknown>, i) => {
      expect(row.codec.is(item)).toBe(true);
      // Nothing the server sent is lost.
      expect(Object.keys(item)).toEqual(expect.arrayContaining(Object.keys(recorded[i])));
    });
  });

  describe.each(RECORDED_KINDS.map((row) => [name(row), row] as const))('%s', (_, row) => {
    it('knows every key of every recorded object as a field', () => {
      const keys = new Set(recordedObjects(recordedResponses(row)).flatMap((o) => Object.keys(o)));
      const known = Object.keys(row.codec.fields);
      expect([...keys].filter((k) => !known.includes(k))).toEqual([]);
      if (row.unrecorded === undefined) expect(keys.size).toBeGreaterThan(0);
    });

    it('finds its responses in its folders only, and something in each folder', () => {
      const found = recordedResponses(row);
      expect(recordedResponses(row, true)).toEqual(found);
      for (const folder of row.folders ?? []) expect(found.some((r) => r.file.startsWith(`${folder}/`))).toBe(true);
      // A kind documented as unrecorded has no recording; one that has is recorded.
      expect(found.length === 0).toBe(row.unrecorded !== undefined);
    });

    const { unrecorded } = row;
    if (unrecorded !== undefined) {
      it(`decodes the sample made from the docs' fields (${unrecorded.evidence}), which has every field`, () => {
        const decoded = decodeEntity(row.codec, unrecorded.sample, 'sample') as Record<string, unknown>;
        expect(Object.keys(decoded).sort()).toEqual(Object.keys(row.codec.fields).sort());
      });
    }

    if (row.emptyObject !== undefined) {
      it('has the `{}` answers its row explains', () => {
        expect(emptyAnswers(row).length).toBeGreaterThan(0);
      });
    }
  });

  it('covers: fields per codec, recorded responses and objects per kind', () => {
    const coverage = Object.fromEntries(
      RECORDED_KINDS.map((row) => {
        const responses = recordedResponses(row);
        return [name(row), [Object.keys(row.codec.fields).length, responses.length, recordedObjects(responses).length]];
      }),
    );
    console.log(`[fields, responses, objects] per kind: ${JSON.stringify(coverage)}`);
    // The fixtures and codecs are fixed; a different count means one of them or the table changed.
    expect(coverage).toEqual({
      Space: [30, 129, 430],
      Milestone: [18, 13, 13],
      User: [9, 9, 13],
      Ticket: [28, 31, 31],
      TicketComment: [7, 4, 5],
      Tag: [6, 12, 13],
      TicketStatus: [7, 6, 10],
      CustomField: [11, 7, 7],
      Component: [2, 0, 0],
      TicketAssociation: [5, 7, 7],
      Document: [20, 10, 10],
      WikiPage: [13, 11, 11],
      WikiVersion: [8, 3, 3],
      SpaceTool: [14, 123, 123],
      UserRole: [9, 8, 8],
      Task: [14, 9, 17],
      ActivityEvent: [13, 0, 0],
    });
  });
});
