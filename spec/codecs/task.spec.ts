import { codecs, decodeEntity, decodeList, Task } from '../../lib/codecs';
import { recordedSamples } from '../support/recorded-kinds';
import { decodeError, decodeOrThrow } from './support';

const URL = 'GET https://api.assembla.com/v1/tasks';
const samples = recordedSamples(codecs.Task);
const wire = samples[0];

const decoded = (json: unknown): Task => decodeOrThrow(codecs.Task, json);

describe('codecs/task', () => {
  beforeEach(() => expect.hasAssertions());

  it('reads `hours`, a decimal string in every recording, as a number', () => {
    expect(samples.map((s) => s.hours)).toEqual(samples.map(() => '1.0'));
    const hours: number = decoded(wire).hours;
    expect(hours).toBe(1);
    expect(decoded({ ...wire, hours: '1.25' }).hours).toBe(1.25);
    expect(decoded({ ...wire, hours: '0.0' }).hours).toBe(0);
  });

  it('also reads `hours` sent as a JSON number (the docs say float)', () => {
    expect(decoded({ ...wire, hours: 2.5 }).hours).toBe(2.5);
  });

  it('refuses `hours` that is no decimal number, naming the field and the item', () => {
    for (const hours of ['1,5', '', 'one', null, true]) {
      const e = decodeError(() => decodeEntity(codecs.Task, { ...wire, hours }, URL));
      expect(e.path).toBe('hours');
    }
    const e = decodeError(() => decodeList(codecs.Task, [wire, wire, { ...wire, hours: '1h' }], URL));
    expect(e.path).toBe('[2].hours');
    expect(e.message).toBe(`${URL}: field [2].hours should be a number but is "1h"`);
  });

  it('reads the ticket and job agreement links as null or integers', () => {
    expect(decoded(wire)).toMatchObject({ ticket_number: null, ticket_id: null, job_agreement_id: null });
    expect(decoded({ ...wire, ticket_number: 3, ticket_id: '63' })).toMatchObject({ ticket_number: 3, ticket_id: 63 });
  });
});
