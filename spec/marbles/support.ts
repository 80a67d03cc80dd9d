import type { Observable } from 'rxjs';
import { Transport } from '../../lib/transport/pipeline';
import type { RetryOptions } from '../../lib/transport/retry';
import type { Call, Handler, Reply, RequestEvent } from '../../lib/transport/types';

export const reply = (path: string, json: unknown = []): Reply => ({
  status: 200,
  headers: {},
  json,
  url: `http://test/v1${path}`,
});

/** A transport whose HTTP stage is `server`, so marble tests run it in virtual time. */
export function virtualTransport(
  server: (call: Call) => Observable<Reply>,
  options: { concurrency?: number; retry?: RetryOptions | false } = {},
) {
  const calls: Call[] = [];
  const events: RequestEvent[] = [];
  const handler: Handler = (call) => {
    calls.push(call);
    return server(call);
  };
  const transport = new Transport({
    baseUrl: 'http://test',
    credentials: { headers: () => ({}) },
    concurrency: options.concurrency ?? 6,
    timeoutMs: 0,
    retry: options.retry ?? false,
    createXHR: () => {
      throw new Error('no XHR in marble tests');
    },
    handler,
  });
  transport.events$.subscribe((e) => events.push(e));
  return { transport, calls, events };
}
