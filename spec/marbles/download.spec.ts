// A download's HTTP attempt in virtual time, with a stub XHR that answers a redirect itself (as a
// custom `createXHR` that does not follow redirects would): its own timeout, and a redirect followed
// without credentials, never from https to http. Over real HTTP: spec/integration/download.spec.ts.
import { marbles } from 'rxjs-marbles/jest';
import { HttpError, TimeoutError } from '../../lib';
import { http } from '../../lib/transport/http';
import { download as downloadBytes, downloadFrom } from '../../lib/transport/download';
import type { Call } from '../../lib/transport/types';
import { virtualTransport } from './support';

/** Just enough of an XMLHttpRequest for rxjs/ajax, answering with bytes or a redirect on `answer()`. */
class StubXHR {
  static all: StubXHR[] = [];
  readyState = 0;
  status = 0;
  response: unknown = null;
  responseType = '';
  timeout = 0;
  withCredentials = false;
  url = '';
  headers: Record<string, string> = {};
  private responseHeaders: Record<string, string> = {};
  readonly upload = { addEventListener: () => undefined };
  private listeners: Record<string, Array<(e: unknown) => void>> = {};
  constructor() {
    StubXHR.all.push(this);
  }
  open(_method: string, url: string): void {
    this.url = url;
    this.readyState = 1;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(): void {}
  abort(): void {}
  addEventListener(type: string, fn: (e: unknown) => void): void {
    (this.listeners[type] ??= []).push(fn);
  }
  getAllResponseHeaders(): string {
    return Object.entries(this.responseHeaders)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
  }
  getResponseHeader(name: string): string | null {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  answer(status: number, body: Uint8Array, headers: Record<string, string> = {}): void {
    this.readyState = 4;
    this.status = status;
    this.response = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
    this.responseHeaders = headers;
    for (const fn of this.listeners.load ?? []) fn({ type: 'load' });
  }
}

const download: Call = {
  method: 'GET',
  path: '/spaces/s/documents/d/download',
  url: 'https://x.test/v1/spaces/s/documents/d/download',
  attempt: 1,
  responseType: 'arraybuffer',
  fetchBytes: downloadFrom,
};
const json: Call = { method: 'GET', path: '/spaces', url: 'https://x.test/v1/spaces', attempt: 1 };

const stage = (timeoutMs: number, downloadTimeoutMs?: number) =>
  http({
    headers: () => ({ 'X-Api-Key': 'k', 'X-Api-Secret': 's3cr3t' }),
    extraHeaders: { 'X-Team': 'A' },
    createXHR: () => new StubXHR() as unknown as XMLHttpRequest,
    timeoutMs,
    downloadTimeoutMs,
  });

describe('a download attempt', () => {
  beforeEach(() => {
    expect.hasAssertions();
    StubXHR.all = [];
  });

  it(
    'times out after downloadTimeout, not after the JSON timeout',
    marbles((m) => {
      m.expect(stage(50, 200)(json)).toBeObservable('50ms #', {}, new TimeoutError(json, 50));
      m.expect(stage(50, 200)(download)).toBeObservable('200ms #', {}, new TimeoutError(download, 200));
    }),
  );

  it(
    'defaults downloadTimeout to five minutes',
    marbles((m) => {
      m.expect(stage(50)(download)).toBeObservable('300000ms #', {}, new TimeoutError(download, 300_000));
    }),
  );

  it('follows a redirect with Accept and the extra headers only, and gives the bytes exactly', async () => {
    const results: unknown[] = [];
    stage(0)(download).subscribe({ next: (r) => results.push(r), error: (e) => results.push(e) });
    StubXHR.all[0].answer(302, new Uint8Array(), { location: '/files/d?sig=abc' });
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    StubXHR.all[1].answer(200, bytes, { 'content-type': 'application/octet-stream' });
    expect(StubXHR.all.map((x) => x.url)).toEqual([download.url, 'https://x.test/files/d?sig=abc']);
    expect(StubXHR.all[0].headers).toEqual({
      'x-api-key': 'k',
      'x-api-secret': 's3cr3t',
      accept: '*/*',
      'x-team': 'A',
    });
    expect(StubXHR.all[1].headers).toEqual({ accept: '*/*', 'x-team': 'A' });
    expect(results).toEqual([{ status: 200, headers: expect.any(Object), json: undefined, url: download.url, bytes }]);
  });

  it.each([
    ['http://x.test/files/d', /from https to plain http refused/],
    ['ftp://x.test/files/d', /to ftp: refused/],
    ['', /without a Location/],
  ])('refuses a redirect to %p with an HttpError, sending nothing there', (location, message) => {
    const results: unknown[] = [];
    stage(0)(download).subscribe({ next: (r) => results.push(r), error: (e) => results.push(e) });
    StubXHR.all[0].answer(302, new Uint8Array(), location ? { location } : {});
    expect(StubXHR.all).toHaveLength(1);
    expect(results).toEqual([expect.any(HttpError)]);
    expect((results[0] as HttpError).status).toBe(302);
    expect((results[0] as Error).message).toMatch(message);
    expect((results[0] as Error).message).not.toContain('x.test/files');
  });

  it(
    'is answered by a custom `http` handler with `bytes`, once per download (no de-duplication)',
    marbles((m) => {
      const file = Uint8Array.of(0, 255, 10);
      const { transport, calls } = virtualTransport((call) =>
        m.cold('--r|', { r: { status: 200, headers: {}, json: undefined, url: call.url, bytes: file } }),
      );
      const path = '/spaces/s/documents/d/download';
      m.expect(downloadBytes(transport, { path })).toBeObservable('--f|', { f: file });
      m.expect(downloadBytes(transport, { path })).toBeObservable('--f|', { f: file });
      m.flush();
      expect(calls.map((c) => [c.method, c.url, c.responseType])).toEqual([
        ['GET', `http://test/v1${path}`, 'arraybuffer'],
        ['GET', `http://test/v1${path}`, 'arraybuffer'],
      ]);
    }),
  );
});
