import { codecs, decodeEntity, decodeList, TicketComment } from '../../lib/codecs';
import { recordedSamples } from '../support/recorded-kinds';
import { decodeError, decodeOrThrow } from './support';

const URL = 'GET https://api.assembla.com/v1/spaces/s/tickets/1/ticket_comments';
const samples = recordedSamples(codecs.TicketComment);
const wire = samples[0];
/** YAML as a status change would write it (not recorded: every recorded comment changed nothing). */
const changes = '---\n- - status\n  - New\n  - Fixed\n- - assigned_to_id\n  - \n  - dAF1c4n0Gr5jhccaaN1ZW_\n';

const decoded = (json: unknown): TicketComment => decodeOrThrow(codecs.TicketComment, json);

describe('codecs/ticket-comment', () => {
  beforeEach(() => expect.hasAssertions());

  it('keeps `ticket_changes` as the YAML text the server sends', () => {
    expect(samples.map((s) => s.ticket_changes)).toEqual(samples.map(() => '--- []\n'));
    expect(decoded(wire).ticket_changes).toBe('--- []\n');
    expect(decoded({ ...wire, ticket_changes: changes }).ticket_changes).toBe(changes);
  });

  it('refuses `ticket_changes` as parsed data, naming the field', () => {
    const e = decodeError(() => decodeEntity(codecs.TicketComment, { ...wire, ticket_changes: [] }, URL));
    expect(e.path).toBe('ticket_changes');
    expect(e.message).toBe(`${URL}: field ticket_changes should be a string but is []`);
  });

  it('reads the blank comment the server adds on ticket creation (ticket-comments/list.json)', () => {
    const blank = samples.find((s) => s.comment === '')!;
    expect(decoded(blank).comment).toBe('');
  });

  it('reads `created_on` (not created_at) as a Date, at any offset', () => {
    expect(decoded(wire).created_on).toEqual(new Date(String(wire.created_on)));
    expect(decoded({ ...wire, created_on: '2014-09-18T13:16:06+05:30' }).created_on.toISOString()).toBe(
      '2014-09-18T07:46:06.000Z',
    );
    const e = decodeError(() => decodeList(codecs.TicketComment, [wire, { ...wire, created_on: '2014-09-18' }], URL));
    expect(e.path).toBe('[1].created_on');
  });
});
