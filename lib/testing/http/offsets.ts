// Timestamps written at another UTC offset on each call: the real API's offsets vary between calls
// for the same record (spec/fixtures/recordings/ticket-custom-fields/get.json: a custom field
// created at `10:32:13Z` is read back at `16:02:13+05:30`), so its ETag, an MD5 of the body, can
// change when nothing did. The `offsets: 'varying'` switch plays that.
import { etagOf, type Reply } from './replies';
import { isoSeconds } from './time';

/** The offsets, in minutes, that answers to one URL take in turn: Z, +05:30, -08:00. */
export const VARYING_OFFSETS: readonly number[] = [0, 330, -480];

// A whole JSON string that is a timestamp; one inside a longer string is escaped (`\"`), so never matches.
const TIMESTAMP = /"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(Z|[+-]\d\d:\d\d)"/g;

/**
 * The JSON text with every timestamp written at `offsetMinutes` (the same instants).
 * @example
 * atOffset('{"at":"2014-09-17T10:32:13Z"}', 330); // '{"at":"2014-09-17T16:02:13+05:30"}'
 */
export function atOffset(body: string, offsetMinutes: number): string {
  return body.replace(TIMESTAMP, (_, local: string, zone: string) => {
    return `"${isoSeconds(Date.parse(`${local}${zone}`), offsetMinutes)}"`;
  });
}

/**
 * A JSON answer as the next call of `url` gets it: each call of a URL takes the next offset of
 * `VARYING_OFFSETS`, counted in `calls`; its ETag follows its body. Other answers are left as they are.
 * @example
 * const calls = new Map<string, number>();
 * varyOffsets(calls, 'GET /v1/spaces/x/tickets/statuses', json(statuses)); // Z, then +05:30, -08:00, Z...
 */
export function varyOffsets(calls: Map<string, number>, url: string, reply: Reply): Reply {
  if (typeof reply.body !== 'string' || reply.headers.ETag === undefined) return reply;
  const n = calls.get(url) ?? 0;
  calls.set(url, n + 1);
  const body = atOffset(reply.body, VARYING_OFFSETS[n % VARYING_OFFSETS.length]);
  return { ...reply, body, headers: { ...reply.headers, ETag: etagOf(body) } };
}
