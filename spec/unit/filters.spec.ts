import { firstValueFrom, of } from 'rxjs';
import { API, FilterError, Space, Ticket, UnboundEntityError, codecs, ticket, tickets } from '../../lib';
import { Filter, compileFilter } from '../../lib/engine/filters';

describe('filters', () => {
  beforeEach(() => expect.hasAssertions());

  const t = {
    id: 1,
    number: 7,
    status: 'Test',
    status_name: 'Test',
    priority: 1,
    created_on: new Date('2014-09-10T13:39:40Z'),
    milestone_id: null,
    custom_fields: { Build: '42', Customer: '' },
  } as unknown as Ticket;

  it('match primitives by ===, null by null, Dates by time value, nested objects by the keys given', () => {
    const test = (f: Filter<Ticket>) => compileFilter(f, codecs.Ticket, 'tickets').test(t);
    expect(test({ status_name: 'Test', priority: 1 })).toBe(true);
    expect(test({ priority: 2 })).toBe(false);
    expect(test({ milestone_id: null })).toBe(true);
    expect(test({ created_on: new Date('2014-09-10T16:39:40+03:00') })).toBe(true);
    expect(test({ created_on: new Date('2014-09-10T13:39:41Z') })).toBe(false);
    expect(test({ custom_fields: { Build: '42' } })).toBe(true);
    expect(test({ custom_fields: { Build: '43' } })).toBe(false);
    expect(test({})).toBe(true);
  });

  it('refuse an unknown field, judged from the codec, with the list of fields', () => {
    expect(() => compileFilter({ statusname: 'Test' }, codecs.Ticket, 'tickets')).toThrow(FilterError);
    expect(() => compileFilter({ statusname: 'Test' }, codecs.Ticket, 'tickets')).toThrow(
      /unknown field "statusname".*status_name/,
    );
  });

  it('refuse a value of the wrong kind, saying what to give', () => {
    expect(() => compileFilter({ number: 'abc' }, codecs.Ticket, 'ticket')).toThrow(
      /ticket: number must be a number, not "abc"/,
    );
    expect(() => compileFilter({ created_on: '2014-09-10' }, codecs.Ticket, 'tickets')).toThrow(
      /created_on must be a valid Date/,
    );
    expect(() => compileFilter({ summary: null }, codecs.Ticket, 'tickets')).toThrow(/summary is never null/);
    expect(() => compileFilter('Test', codecs.Ticket, 'tickets')).toThrow(/must be an object/);
  });

  it('are type-checked: a wrong key or value type does not compile', () => {
    // These lines are checked by `tsc --noEmit` in `npm test`; an unused @ts-expect-error fails it.
    // @ts-expect-error `statusname` is not a ticket field
    const wrongKey: Filter<Ticket> = { statusname: 'Test' };
    // @ts-expect-error `number` is a number
    const wrongType: Filter<Ticket> = { number: 'abc' };
    // @ts-expect-error a Date field takes a Date
    const wrongDate: Filter<Ticket> = { created_on: '2014-09-10' };
    const fine: Filter<Ticket> = { status_name: 'Test', custom_fields: { Build: '1' }, created_on: new Date() };
    expect([wrongKey, wrongType, wrongDate, fine]).toHaveLength(4);
    // @ts-expect-error the operator's filter is typed too
    expect(typeof tickets({ stauts: 'New' })).toBe('function');
  });

  it('arrive through the Observable, never as a synchronous throw', async () => {
    const api = new API({ auth: { token: 't' }, baseUrl: 'http://127.0.0.1:9' });
    const query = api.spaces({ nmae: 'x' } as never);
    await expect(firstValueFrom(query)).rejects.toThrow(FilterError);
  });

  it('an object that did not come from a query is an UnboundEntityError', async () => {
    const decoded = { id: 'x', name: 'Copy' } as unknown as Space;
    await expect(firstValueFrom(of(decoded).pipe(ticket({ number: 1 })))).rejects.toThrow(UnboundEntityError);
  });
});
