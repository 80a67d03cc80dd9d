import { codecs, CustomField, decodeEntity, decodeList } from '../../lib/codecs';
import { recordedResponses, RECORDED_KINDS } from '../support/recorded-kinds';
import { decodeError, decodeOrThrow, errorPaths } from './support';

const URL = 'GET https://api.assembla.com/v1/spaces/s/tickets/custom_fields';
const row = RECORDED_KINDS.find((r) => r.codec === codecs.CustomField)!;
const responses = recordedResponses(row);
/** ticket-custom-fields/create.json: a text field, written as `"type":"text"`. */
const created = responses.find((r) => r.file === 'ticket-custom-fields/create.json')!.json as Record<string, unknown>;
/** The docs' list field (digest section 9): not recorded, so made from the recorded one. */
const listField = { ...created, type: 'List', title: 'Severity', list_options: ['Low', 'Medium', 'High'] };

const decoded = (json: unknown): CustomField => decodeOrThrow(codecs.CustomField, json);

describe('codecs/custom-field', () => {
  beforeEach(() => expect.hasAssertions());

  it('keeps `type` as the server spells it on read: capitalised', () => {
    expect(created.type).toBe('Text');
    expect(decoded(created).type).toBe('Text');
    for (const type of ['Date', 'Numeric', 'List', 'Team List']) expect(decoded({ ...created, type }).type).toBe(type);
  });

  it('reads `list_options` of a list field as an array, in order', () => {
    expect(decoded(listField).list_options).toEqual(['Low', 'Medium', 'High']);
    expect(decoded({ ...listField, list_options: [] }).list_options).toEqual([]);
  });

  it('leaves `list_options` out of a field that has none, as recorded for non-list fields', () => {
    const all = responses.flatMap((r) => (Array.isArray(r.json) ? r.json : [r.json])) as object[];
    expect(all.some((o) => 'list_options' in o)).toBe(false);
    expect('list_options' in decoded(created)).toBe(false);
  });

  it('refuses `list_options` in the form it is written (a comma-separated string), naming the field', () => {
    const e = decodeError(() => decodeEntity(codecs.CustomField, { ...listField, list_options: 'Low,High' }, URL));
    expect(e.path).toBe('list_options');
    expect(e.message).toBe(`${URL}: field list_options should be an array, each item a string but is "Low,High"`);
  });

  it('names the item of `list_options` that is wrong, inside a list', () => {
    const e = decodeError(() =>
      decodeList(codecs.CustomField, [created, { ...listField, list_options: ['Low', 2] }], URL),
    );
    expect(e.path).toBe('[1].list_options[1]');
    expect(e.expected).toBe('a string');
    expect(errorPaths(codecs.CustomField, { ...listField, list_options: [1, 'x', null] })).toEqual([
      'list_options.0',
      'list_options.2',
    ]);
  });

  it('reads the same field at +05:30 and at Z as the same instants (ticket-custom-fields/get.json)', () => {
    const [posted, got] = recordedResponses(row)
      .filter((r) => r.file === 'ticket-custom-fields/get.json')
      .map((r) => decoded(r.json));
    expect(posted.created_at.toISOString()).toBe('2014-09-17T10:32:13.000Z');
    expect(got.created_at).toEqual(posted.created_at);
  });

  it('reads `order` and `default_value` as null or values; a wrong type names the field', () => {
    expect(decoded({ ...created, order: '3', default_value: '42' })).toMatchObject({ order: 3, default_value: '42' });
    expect(errorPaths(codecs.CustomField, { ...created, order: 'top', required: 'yes' })).toEqual([
      'order',
      'required',
    ]);
  });
});
