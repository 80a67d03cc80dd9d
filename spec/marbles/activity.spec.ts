// The activity stream's 60 days in virtual time: they are counted back from the API's scheduler's
// now() when the read is subscribed to, not from the wall clock.
import { catchError, concatMap, map, of, type SchedulerLike } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { FilterError, type ActivityEvent } from '../../lib';
import { eventKey } from '../../lib/resources/activity';
import { SEED_NOW } from '../../lib/testing';
import { virtualAssembla } from './virtual-assembla';

const DAY = 86_400_000;

describe('activity (virtual time)', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'a since that is within the 60 days at subscription reads; the same since a little later is a FilterError',
    marbles((m) => {
      // The API's clock and the virtual server's: the seed's end, plus the virtual time elapsed.
      const clock: SchedulerLike = {
        now: () => SEED_NOW + m.scheduler.now(),
        schedule: m.scheduler.schedule.bind(m.scheduler) as SchedulerLike['schedule'],
      };
      const v = virtualAssembla(m, { scheduler: clock, server: { now: clock.now } });
      // 60 days before the clock at frame 5: older than that from frame 6 on.
      const since = new Date(SEED_NOW + m.time('-----|') - 60 * DAY);
      const read = (when: string) =>
        m.cold(when).pipe(
          concatMap(() => v.api.activity({ since })),
          map((events) => (events.every((e) => e.date.getTime() >= since.getTime()) ? 'read' : 'wrong')),
          catchError((e: unknown) => of(e instanceof FilterError ? 'too old' : String(e))),
        );
      m.expect(read('-----a|')).toBeObservable('-------(r|)', { r: 'read' });
      m.expect(read('------a|')).toBeObservable('------(t|)', { t: 'too old' });
      m.flush();
      expect(v.calls).toEqual(['GET /activity?page=1&per_page=50']);
    }),
  );

  it(
    'events that new ones push onto the next page of a newest-first read are delivered once',
    marbles((m) => {
      const clock: SchedulerLike = {
        now: () => SEED_NOW + m.scheduler.now(),
        schedule: m.scheduler.schedule.bind(m.scheduler) as SchedulerLike['schedule'],
      };
      const since = new Date(SEED_NOW - 58 * DAY);
      const read = (pushDown: boolean): { keys: string[]; calls: string[] } => {
        const v = virtualAssembla(m, { tickets: 2000, scheduler: clock, server: { now: clock.now } });
        const out: { keys: string[]; calls: string[] } = { keys: [], calls: v.calls };
        v.api.activity({ since }).subscribe((events: ActivityEvent[]) => out.keys.push(...events.map(eventKey)));
        if (pushDown) {
          // While page 1 is on its way, three tickets are created: every later page starts with the
          // last three events of the page before it.
          const tickets = v.data.tickets[v.big.id];
          const template = tickets[tickets.length - 1];
          const at = new Date(SEED_NOW - 3_600_000).toISOString().replace('.000Z', 'Z');
          m.scheduler.schedule(() => {
            for (let i = 1; i <= 3; i++)
              tickets.push({
                ...template,
                id: template.id + i,
                number: template.number + i,
                created_on: at,
                updated_at: at,
              });
          }, 1);
        }
        return out;
      };
      const plain = read(false);
      const pushed = read(true);
      m.flush();
      expect(pushed.calls.length).toBeGreaterThan(1);
      expect(pushed.calls).toEqual(plain.calls);
      expect(pushed.keys).toEqual(plain.keys);
      expect(new Set(pushed.keys).size).toBe(pushed.keys.length);
    }),
  );
});
