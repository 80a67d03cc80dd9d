import { marbles } from 'rxjs-marbles/jest';
import { HttpError, ParseError, TimeoutError } from '../../lib';
import { http } from '../../lib/transport/http';
import { parseRetryAfter } from '../../lib/transport/retry-after';
import type { Call } from '../../lib/transport/types';

/** Just enough of an XMLHttpRequest for rxjs/ajax: it answers when `answer()` is called, or never. */
class StubXHR {
  static last: StubXHR | undefined;
  readyState = 0;
  status = 0;
  response = '';
  responseType = '';
  timeout = 0;
  withCredentials = false;
  aborted = false;
  headers: Record<string, string> = {};
  readonly upload = { addEventListener: () => undefined };
  private listeners: Record<string, Array<(e: unknown) => void>> = {};
  constructor() {
    StubXHR.last = this;
  }
  open(): void {
    this.readyState = 1;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(): void {}
  abort(): void {
    this.aborted = true;
  }
  addEventListener(type: string, fn: (e: unknown) => void): void {
    (this.listeners[type] ??= []).push(fn);
  }
  getAllResponseHeaders(): string {
    return this.status === 304 ? 'etag: "abc"' : 'content-type: application/json';
  }
  getResponseHeader(): string | null {
    return null;
  }
  answer(status: number, body: string): void {
    this.readyState = 4;
    this.status = status;
    this.response = body;
    for (const fn of this.listeners.load ?? []) fn({ type: 'load' });
  }
}

const call: Call = { method: 'GET', path: '/spaces', url: 'https://x.test/v1/spaces', attempt: 1 };
const stage = (timeoutMs: number) =>
  http({
    headers: () => ({ 'X-Api-Key': 'k' }),
    createXHR: () => new StubXHR() as unknown as XMLHttpRequest,
    timeoutMs,
  });

describe('one HTTP attempt', () => {
  beforeEach(() => expect.hasAssertions());

  it(
    'times out in virtual time, aborting the XHR, with a TimeoutError',
    marbles((m) => {
      m.expect(stage(50)(call)).toBeObservable('50ms #', {}, new TimeoutError(call, 50));
      m.flush();
      expect(StubXHR.last?.aborted).toBe(true);
      expect(StubXHR.last?.headers).toEqual({ 'x-api-key': 'k', accept: 'application/json' });
    }),
  );

  it('parses JSON itself: a truncated 200 is a ParseError, a 204 is no content', async () => {
    const results: unknown[] = [];
    stage(0)(call).subscribe({ next: (r) => results.push(r), error: (e) => results.push(e) });
    StubXHR.last!.answer(200, '[{"id":1,"na');
    stage(0)(call).subscribe({ next: (r) => results.push(r), error: (e) => results.push(e) });
    StubXHR.last!.answer(204, '');
    stage(0)(call).subscribe({ next: (r) => results.push(r), error: (e) => results.push(e) });
    StubXHR.last!.answer(200, '');
    expect(results[0]).toBeInstanceOf(ParseError);
    expect(results[1]).toMatchObject({ status: 204, json: undefined });
    expect(results[2]).toBeInstanceOf(ParseError);
    expect((results[2] as Error).message).toContain('empty body where JSON was expected');
  });

  it('takes a 304 to a conditional GET as a reply without JSON, and refuses one to any other call', () => {
    const results: unknown[] = [];
    const conditional: Call = { ...call, headers: { 'If-None-Match': '"abc"' } };
    stage(0)(conditional).subscribe({ next: (r) => results.push(r), error: (e) => results.push(e) });
    expect(StubXHR.last?.headers['if-none-match']).toBe('"abc"');
    StubXHR.last!.answer(304, '');
    stage(0)(call).subscribe({ next: (r) => results.push(r), error: (e) => results.push(e) });
    StubXHR.last!.answer(304, '');
    expect(results[0]).toEqual({ status: 304, headers: { etag: '"abc"' }, json: undefined, url: call.url });
    expect(results[1]).toBeInstanceOf(HttpError);
    expect(results[1]).toMatchObject({ status: 304, message: expect.stringContaining('redirect') as unknown });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
