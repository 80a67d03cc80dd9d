// A small misbehaving proxy in front of the local server, for the cases the server itself cannot
// play (a stale replica, odd rate-limit headers, a bad page in the middle of a list).
import { IncomingMessage, Server, ServerResponse, createServer, request } from 'node:http';
import { listenLocally } from './listen';

/** What the proxy does with one request; `undefined` forwards it as it is. */
export interface Misbehaviour {
  /** Answer in the server's place (the body defaults to a JSON error). */
  readonly answer?: { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string };
  /** Forward to this path and query instead (e.g. page 5 when page 6 was asked for). */
  readonly path?: string;
  /** Headers added to the server's answer. */
  readonly headers?: Record<string, string>;
  /**
   * Forward the request, let the server answer (and apply it), then lose the answer: `'drop'` destroys
   * the client's connection, a status answers that instead (e.g. a 500 after the write landed).
   */
  readonly lose?: 'drop' | number;
  /** Forward the request at once, but hold the server's answer this long (ms, real time). */
  readonly holdMs?: number;
  /** Forward the request only once this settles (e.g. never, while a test looks at the client). */
  readonly until?: Promise<unknown>;
}

export interface Proxy {
  readonly url: string;
  /** The path and query of every request that reached the proxy, in order. */
  readonly seen: string[];
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 that forwards to `target` unless `misbehave` says otherwise.
 * @example
 * const proxy = await startProxy(server.url, (req) =>
 *   /page=6/.test(req.url ?? '') ? { path: req.url!.replace('page=6', 'page=5') } : undefined,
 * );
 */
export async function startProxy(
  target: string,
  misbehave: (req: IncomingMessage) => Misbehaviour | undefined = () => undefined,
): Promise<Proxy> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const odd = misbehave(req);
    if (odd?.answer) {
      res
        .writeHead(odd.answer.status, { 'Content-Type': 'application/json', ...odd.answer.headers })
        .end(odd.answer.body ?? '{"error":"proxy"}');
      return;
    }
    if (odd?.until) {
      const { until, ...rest } = odd;
      const go = (): void => forward(req, res, rest);
      until.then(go, go);
    } else forward(req, res, odd);
  });

  function forward(req: IncomingMessage, res: ServerResponse, odd: Misbehaviour | undefined): void {
    const upstream = request(
      `${target}${odd?.path ?? req.url}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        if (odd?.lose !== undefined) {
          answer.resume();
          answer.on('end', () => {
            if (odd.lose === 'drop') res.destroy();
            else res.writeHead(odd.lose as number, { 'Content-Type': 'text/html' }).end('<title>Lost</title>');
          });
          return;
        }
        const pass = (): void => {
          res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...odd?.headers });
          answer.pipe(res);
        };
        if (odd?.holdMs) setTimeout(pass, odd.holdMs);
        else pass();
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }

  return {
    ...(await listenLocally(server)),
    seen,
  };
}
