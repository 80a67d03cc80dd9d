import { codecs, decodeEntity, Milestone } from '../../lib/codecs';
import { DecodeError } from '../../lib/core/errors';
import { entityResponses } from '../support/recordings';
import { decodeOrThrow, errorPaths } from './support';

// space-milestones/list-completed: the create response sends completed_date as a timestamp, the
// list as a date.
const completed = entityResponses().filter(
  (r) => r.kind === 'milestone' && r.file === 'space-milestones/list-completed.json',
);
const created = completed.find((r) => r.method === 'POST')!.json as Record<string, unknown>;
const listed = (completed.find((r) => r.method === 'GET')!.json as Array<Record<string, unknown>>)[0];
const URL = 'GET https://api.assembla.com/v1/spaces/s/milestones/completed';

const decoded = (json: unknown): Milestone => decodeOrThrow(codecs.Milestone, json);

const paths = (json: unknown): string[] => errorPaths(codecs.Milestone, json);

describe('codecs/milestone', () => {
  beforeEach(() => expect.hasAssertions());

  it('decodes the recorded milestone', () => {
    const m = decoded(listed);
    expect(m).toMatchObject({
      id: 25,
      title: 'Backlog',
      is_completed: true,
      due_date: null,
      release_level: null,
      planner_type: 0,
      pretty_release_level: 'None',
    });
    expect(m.created_at).toEqual(new Date('2014-09-18T09:11:03Z'));
  });

  it('reads completed_date the same in both recorded forms (timestamp on create, date in lists)', () => {
    expect(created.completed_date).toBe('2014-09-18T09:11:03+00:00');
    expect(listed.completed_date).toBe('2014-09-18');
    const expected = new Date(Date.UTC(2014, 8, 18));
    expect(decoded(created).completed_date).toEqual(expected);
    expect(decoded(listed).completed_date).toEqual(expected);
  });

  it('decodes plain dates as UTC midnight and encodes them back as YYYY-MM-DD', () => {
    const m = decoded({ ...listed, due_date: '2014-10-01' });
    expect(m.due_date).toEqual(new Date(Date.UTC(2014, 9, 1)));
    expect(codecs.Milestone.encode(m)).toEqual({ ...listed, due_date: '2014-10-01' });
  });

  it('accepts the docs-only start_date and budget, and their absence', () => {
    const m = decoded({ ...listed, start_date: '2014-09-01', budget: '1000.5' });
    expect(m.start_date).toEqual(new Date(Date.UTC(2014, 8, 1)));
    expect(m.budget).toBe(1000.5);
    expect(decoded({ ...listed, start_date: null, budget: null })).toMatchObject({ start_date: null, budget: null });
    expect(decoded(listed)).not.toHaveProperty('start_date');
    expect(codecs.Milestone.fields.start_date).toEqual({ kind: 'date', nullable: true, optional: true });
    expect(codecs.Milestone.fields.budget).toEqual({ kind: 'number', nullable: true, optional: true });
  });

  it('coerces a numeric string id', () => {
    expect(decoded({ ...listed, id: '25' }).id).toBe(25);
  });

  it('fails on a missing or wrongly typed field, naming it', () => {
    const { title: _, ...noTitle } = listed;
    expect(paths(noTitle)).toEqual(['title']);
    expect(paths({ ...listed, due_date: '01/10/2014', is_completed: 'true', budget: 'lots' })).toEqual([
      'due_date',
      'budget',
      'is_completed',
    ]);
    expect(paths({ ...listed, release_level: 1.5 })).toEqual(['release_level']);
  });

  it('keeps unknown fields', () => {
    expect((decoded({ ...listed, skip_alerts: true }) as Milestone & { skip_alerts: boolean }).skip_alerts).toBe(true);
  });

  it('throws a DecodeError with the URL and path', () => {
    expect(() => decodeEntity(codecs.Milestone, { ...listed, created_at: 3 }, URL)).toThrow(DecodeError);
    expect(() => decodeEntity(codecs.Milestone, { ...listed, created_at: 3 }, URL)).toThrow(
      `${URL}: field created_at should be`,
    );
  });

  it('knows the recorded fields plus start_date and budget', () => {
    expect(Object.keys(codecs.Milestone.fields).sort()).toEqual(
      [...Object.keys(listed), 'start_date', 'budget'].sort(),
    );
    const typeChecks = (m: Milestone): void => {
      // @ts-expect-error Date fields are read-only
      m.due_date = null;
      // @ts-expect-error every field is read-only (entities are frozen)
      m.title = 'other';
    };
    void typeChecks;
  });
});
