import { ActivityEvent, codecs, decodeEntity, decodeList } from '../../lib/codecs';
import { recordedSamples } from '../support/recorded-kinds';
import { decodeError, decodeOrThrow, errorPaths } from './support';

const URL = 'GET https://api.assembla.com/v1/activity';
// The docs' event (digest ../shared/assembla-api.md section 15; nothing was recorded): the sample
// of the recorded-kinds table.
const wire: Record<string, unknown> = recordedSamples(codecs.ActivityEvent)[0];

const decoded = (json: unknown): ActivityEvent => decodeOrThrow(codecs.ActivityEvent, json);

describe('codecs/activity-event', () => {
  beforeEach(() => expect.hasAssertions());

  it('reads `date` as the same instant at any offset', () => {
    const instant = '2012-08-22T13:26:59.000Z';
    for (const date of [
      '2012-08-22T13:26:59Z',
      '2012-08-22T13:26:59+00:00',
      '2012-08-22T18:56:59+05:30',
      '2012-08-22T05:26:59-08:00',
      '2012-08-23T03:26:59+14:00',
    ]) {
      expect(decoded({ ...wire, date }).date.toISOString()).toBe(instant);
    }
  });

  it('refuses a `date` without an offset (the instant is unknown), naming the event', () => {
    const e = decodeError(() => decodeList(codecs.ActivityEvent, [wire, { ...wire, date: '2012-08-22 13:26' }], URL));
    expect(e.path).toBe('[1].date');
    expect(e.expected).toMatch(/timestamp with offset/);
  });

  it('reads the docs event whole, with its ticket', () => {
    expect(decoded(wire)).toEqual({ ...wire, date: new Date('2012-08-22T13:26:59Z') });
  });

  it('reads a system event without author, whatchanged, ticket or comment, leaving the keys out', () => {
    const { author_id: _a, author_name: _n, whatchanged: _w, ticket: _t, comment_or_description: _c, ...system } = wire;
    const event = decoded({ ...system, operation: 'created', object: 'Space' });
    expect(Object.keys(event).sort()).toEqual(Object.keys(system).sort());
    expect(decoded({ ...system, author_id: null, ticket: null })).toMatchObject({ author_id: null, ticket: null });
  });

  it('reads `object_id` as a string, also when it comes as a number', () => {
    expect(decoded(wire).object_id).toBe('301');
    expect(decoded({ ...wire, object_id: 301 }).object_id).toBe('301');
    expect(errorPaths(codecs.ActivityEvent, { ...wire, object_id: 1.5 })).toEqual(['object_id']);
  });

  it('names the field inside the ticket that is wrong', () => {
    const e = decodeError(() =>
      decodeEntity(codecs.ActivityEvent, { ...wire, ticket: { ...(wire.ticket as object), number: 'one' } }, URL),
    );
    expect(e.path).toBe('ticket.number');
    expect(e.message).toBe(`${URL}: field ticket.number should be an integer but is "one"`);
  });

  it('keeps fields the docs do not name', () => {
    expect(decoded({ ...wire, event_type: 'x' })).toMatchObject({ event_type: 'x' });
  });
});
