// A forwarding proxy that keeps what the SDK sends: each request's method, path, Content-Type and
// body, as they went out on the wire.
import { createServer, request } from 'node:http';
import { listenLocally } from './listen';

/** One request as the proxy received it. */
export interface CapturedRequest {
  readonly method: string;
  /** The path without the query string, e.g. `/v1/spaces/abc/tickets/1`. */
  readonly path: string;
  readonly contentType: string | undefined;
  /** The body as text; '' when none. */
  readonly body: string;
}

export interface Capture {
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: CapturedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 that forwards every request to `target` and keeps a copy of it.
 * @example
 * const capture = await startCapture(server.url);
 * new API({ auth, baseUrl: capture.url });
 */
export async function startCapture(target: string): Promise<Capture> {
  const requests: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({
        method: req.method ?? '',
        path: (req.url ?? '').replace(/\?.*/, ''),
        contentType: req.headers['content-type'],
        body: body.toString('utf8'),
      });
      const upstream = request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  return { ...(await listenLocally(server)), requests };
}
