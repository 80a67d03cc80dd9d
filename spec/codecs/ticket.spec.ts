import { isLeft, isRight } from 'fp-ts/Either';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import { codecs, decodeEntity, Ticket } from '../../lib/codecs';
import { DecodeError } from '../../lib/core/errors';
import { entityResponses } from '../support/recordings';
import { decodeOrThrow, errorPaths } from './support';

// GET /spaces/:space/tickets/1, as recorded.
const recorded = entityResponses().find((r) => r.file === 'space-tickets/get.json' && r.method === 'GET')!;
const wire = recorded.json as Record<string, unknown>;
const URL = 'GET https://api.assembla.com/v1/spaces/s/tickets/1';

const decoded = (json: unknown): Ticket => decodeOrThrow(codecs.Ticket, json);

const paths = (json: unknown): string[] => errorPaths(codecs.Ticket, json);

describe('codecs/ticket', () => {
  beforeEach(() => expect.hasAssertions());

  it('decodes the recorded ticket with native types', () => {
    const tk = decoded(wire);
    expect(tk).toMatchObject({
      id: 17,
      number: 1,
      summary: 'Existing one',
      priority: 3,
      importance: -1,
      estimate: 1,
      state: 1,
    });
    expect(tk.created_on).toEqual(new Date('2014-09-10T13:39:40Z'));
    expect(tk.updated_at).toBeInstanceOf(Date);
    expect(tk.completed_date).toBeNull();
    expect(tk.milestone_id).toBeNull();
    expect(tk.custom_fields).toEqual({});
  });

  it('has status and status_name, both the name, from the recorded form (status: "New")', () => {
    expect(wire.status).toBe('New');
    expect(wire).not.toHaveProperty('status_name');
    const tk = decoded(wire);
    expect(tk.status).toBe('New');
    expect(tk.status_name).toBe('New');
  });

  it('has status and status_name, both the name, from the docs form (status: 1, status_name: "New")', () => {
    const tk = decoded({ ...wire, status: 1, status_name: 'New' });
    expect(tk.status).toBe('New');
    expect(tk.status_name).toBe('New');
  });

  it('fails on an integer status without status_name, naming status_name', () => {
    expect(paths({ ...wire, status: 1 })).toEqual(['status_name']);
    expect(() => decodeEntity(codecs.Ticket, { ...wire, status: 1 }, URL)).toThrow(/status_name/);
  });

  it('fails on a status or status_name of the wrong type', () => {
    expect(paths({ ...wire, status: true })).toEqual(['status']);
    expect(paths({ ...wire, status: 1.5, status_name: 'New' })).toEqual(['status']);
    expect(paths({ ...wire, status_name: 3 })).toEqual(['status_name']);
  });

  it.each([
    ['2014-09-10T16:39:40+03:00'],
    ['2014-09-10T19:09:40+05:30'],
    ['2014-09-10T05:39:40-08:00'],
    ['2014-09-10T13:39:40.000Z'],
  ])('reads created_on %s as the same instant', (created_on) => {
    expect(decoded({ ...wire, created_on }).created_on.getTime()).toBe(Date.UTC(2014, 8, 10, 13, 39, 40));
  });

  it('coerces numeric strings in numeric fields', () => {
    const tk = decoded({
      ...wire,
      id: '17',
      priority: '2',
      importance: '-1.0',
      working_hours: '2.5',
      milestone_id: '25',
    });
    expect(tk).toMatchObject({ id: 17, priority: 2, importance: -1, working_hours: 2.5, milestone_id: 25 });
  });

  it('keeps null in nullable fields and decodes them when set', () => {
    const tk = decoded({
      ...wire,
      completed_date: '2014-09-11T10:00:00Z',
      component_id: 4,
      assigned_to_id: 'u1',
      description: null,
    });
    expect(tk.completed_date).toEqual(new Date('2014-09-11T10:00:00Z'));
    expect(tk).toMatchObject({ component_id: 4, assigned_to_id: 'u1', description: null });
  });

  it('keeps custom field values as strings', () => {
    const tk = decoded({ ...wire, custom_fields: { Build: '42', 'Text Field': '' } });
    expect(tk.custom_fields).toEqual({ Build: '42', 'Text Field': '' });
    expect(paths({ ...wire, custom_fields: { Build: 42 } })).toEqual(['custom_fields.Build']);
  });

  it('fails on a missing required field, naming it', () => {
    const { created_on: _, ...rest } = wire;
    expect(paths(rest)).toEqual(['created_on']);
    const { summary: __, reporter_id: ___, ...fewer } = wire;
    expect(paths(fewer)).toEqual(['summary', 'reporter_id']);
  });

  it('fails on wrong types, naming each field', () => {
    expect(paths({ ...wire, priority: 'abc' })).toEqual(['priority']);
    expect(paths({ ...wire, created_on: 'yesterday', is_story: 0, number: 1.5 })).toEqual([
      'number',
      'created_on',
      'is_story',
    ]);
    expect(paths({ ...wire, summary: null })).toEqual(['summary']);
    expect(paths({ ...wire, custom_fields: null })).toEqual(['custom_fields']);
  });

  it('keeps unknown fields unchanged', () => {
    const tk = decoded({ ...wire, tags: ['Core', 'API'], is_support: true, due_date: '2014-10-01' }) as Ticket &
      Record<string, unknown>;
    expect(tk.tags).toEqual(['Core', 'API']);
    expect(tk.is_support).toBe(true);
    expect(tk.due_date).toBe('2014-10-01');
  });

  it('throws a DecodeError naming the URL and the field path', () => {
    const act = (): Ticket => decodeEntity(codecs.Ticket, { ...wire, updated_at: 'soon' }, URL);
    expect(act).toThrow(DecodeError);
    expect(act).toThrow(`${URL}: field updated_at should be`);
    try {
      act();
    } catch (e) {
      expect(e).toMatchObject({ url: URL, path: 'updated_at', actual: '"soon"' });
    }
  });

  it('encodes back to wire JSON', () => {
    const tk = decoded({ ...wire, created_on: '2014-09-10T16:39:40+03:00' });
    const json = codecs.Ticket.encode(tk);
    expect(json).toEqual({ ...wire, created_on: '2014-09-10T13:39:40Z', status_name: 'New' });
    expect(decoded(JSON.parse(JSON.stringify(json)))).toEqual(tk);
  });

  it('knows every field of the recordings and of the docs', () => {
    expect(Object.keys(codecs.Ticket.fields).sort()).toEqual([...Object.keys(wire), 'status_name'].sort());
    expect(codecs.Ticket.fields.status_name).toEqual({ kind: 'string', nullable: false, optional: false });
    expect(codecs.Ticket.fields.created_on.kind).toBe('datetime');
    expect(codecs.Ticket.fields.custom_fields.kind).toBe('record');
  });

  it('types Date fields read-only and knows no other keys (checked by tsc)', () => {
    const tk = decoded(wire);
    const typeChecks = (x: Ticket): void => {
      // @ts-expect-error Date fields are read-only
      x.created_on = new Date();
      // @ts-expect-error no such field
      void x.no_such_field;
      // @ts-expect-error every field is read-only (entities are frozen)
      x.summary = 'other';
      const name: string = x.status_name;
      const state: number = x.state;
      void [name, state];
    };
    void typeChecks;
    expect(codecs.Ticket.is(tk)).toBe(true);
  });

  it('is a real io-ts codec', () => {
    const r = codecs.Ticket.decode({ ...wire, priority: 'abc' });
    expect(isLeft(r)).toBe(true);
    expect(PathReporter.report(r)).toEqual(['Invalid value "abc" supplied to : Ticket/priority: integer']);
    const List = t.array(codecs.Ticket);
    expect(isRight(List.decode([wire, wire]))).toBe(true);
  });
});
