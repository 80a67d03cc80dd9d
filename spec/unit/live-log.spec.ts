// The poller's memory of the activity stream (lib/live/activity-log.ts): what counts as new, what
// is forgotten, and when a space's changes can no longer be known; and which rows the stream reports.
import type { ActivityEvent } from '../../lib';
import { BASELINE_MS, SeenLog } from '../../lib/live/activity-log';
import { reportedByChangeLog } from '../../lib/live/change-log';
import { associations } from '../../lib/resources/associations';
import { comments } from '../../lib/resources/comments';
import { components } from '../../lib/resources/components';
import { customFields } from '../../lib/resources/custom-fields';
import { documents } from '../../lib/resources/documents';
import { milestones } from '../../lib/resources/milestones';
import { statuses } from '../../lib/resources/statuses';
import { tags } from '../../lib/resources/tags';
import { tickets } from '../../lib/resources/tickets';
import { wikiPages, wikiVersions } from '../../lib/resources/wiki-pages';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const event = (at: number, n: number, space = 's1'): ActivityEvent =>
  ({
    date: new Date(at),
    operation: 'updated',
    object: 'Ticket',
    object_id: String(n),
    title: `#${n}`,
    url: `https://x/spaces/w/tickets/${n}`,
    space_id: space,
    space_name: 'S',
    author_id: 'u1',
  }) as ActivityEvent;

describe('SeenLog', () => {
  it('an event is new once: from five minutes before the space joined, of a live space only', () => {
    const log = new SeenLog();
    log.join('s1', T0);
    const before = event(T0 - BASELINE_MS - 1000, 1);
    const recent = event(T0 - MINUTE, 2);
    const other = event(T0, 3, 's2');
    expect([before, recent, other].map((e) => log.isNew(e))).toEqual([false, true, false]);
    log.record({ stream: 's1', events: [recent], overflow: false }, ['s1'], T0);
    expect(log.isNew(recent)).toBe(false);
    expect(log.isNew(event(T0 - MINUTE, 4))).toBe(true);
  });

  it('remembers only the events of the last minutes before the newest, however many polls it sees', () => {
    const log = new SeenLog();
    log.join('s1', T0);
    for (let poll = 0; poll < 500; poll++) {
      const at = T0 + poll * 30_000;
      const events = [event(at, poll), event(at + 1000, poll + 10_000)];
      log.record({ stream: 's1', events, overflow: false }, ['s1'], at);
    }
    // Two events a poll, a poll every 30 s: the last two minutes are 4 polls' worth (and the boundary).
    expect(log.remembered).toBeLessThanOrEqual(10);
    expect(log.isNew(event(T0 + 499 * 30_000, 499))).toBe(false);
  });

  it('a space whose stream was not read for the 60 days it keeps has changes that cannot be known', () => {
    const log = new SeenLog();
    for (const s of ['s1', 's2', 's3']) log.join(s, T0);
    // s2 is quiet (nothing on its stream) but read: its first floor stays, and it has not expired.
    log.record({ stream: 's2', events: [], overflow: false }, ['s2'], T0 + 59 * DAY);
    log.record({ stream: 's3', events: [event(T0 + 59 * DAY, 1, 's3')], overflow: false }, ['s3'], T0 + 59 * DAY);
    expect(log.expired(T0 + 59 * DAY)).toEqual([]);
    expect(log.expired(T0 + 60 * DAY)).toEqual(['s1']);
    log.restart('s1', T0 + 60 * DAY);
    expect(log.expired(T0 + 60 * DAY)).toEqual([]);
  });
});

describe('reportedByChangeLog', () => {
  it('says which rows the activity stream reports, so that their live queries need no revalidation', () => {
    expect([tickets, comments, milestones, wikiPages, wikiVersions, documents].map(reportedByChangeLog)).toEqual(
      Array(6).fill(true),
    );
    expect([tags, statuses, customFields, components, associations].map(reportedByChangeLog)).toEqual(
      Array(5).fill(false),
    );
  });
});
