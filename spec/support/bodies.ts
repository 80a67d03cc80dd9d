// What the SDK sent: a proxy in front of the local server that keeps each write's method, path,
// Content-Type and exact body bytes, and forwards everything unchanged.
import type { IncomingMessage } from 'node:http';
import { Proxy, startProxy } from './proxy';

/** One write as it reached the proxy. */
export interface SentWrite {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  readonly contentType: string;
  /** Exactly the bytes that came, once the request has ended. */
  bytes: Buffer;
}

/**
 * A proxy to `target` that records the writes (POST, PUT, DELETE) passing through.
 * @example const { proxy, sent } = await recordWrites(local.server.url); // new API({ baseUrl: proxy.url })
 */
export async function recordWrites(target: string): Promise<{ proxy: Proxy; sent: SentWrite[] }> {
  const sent: SentWrite[] = [];
  const proxy = await startProxy(target, (req: IncomingMessage) => {
    if (req.method === 'GET') return undefined;
    const write: SentWrite = {
      method: req.method ?? '',
      path: (req.url ?? '').replace(/\?.*$/, ''),
      contentType: String(req.headers['content-type'] ?? ''),
      bytes: Buffer.alloc(0),
    };
    const chunks: Buffer[] = [];
    // A second listener beside the proxy's pipe: both see every chunk.
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => (write.bytes = Buffer.concat(chunks)));
    sent.push(write);
    return undefined;
  });
  return { proxy, sent };
}

/** A recorded JSON body, parsed. */
export const jsonOf = (write: SentWrite): unknown => JSON.parse(write.bytes.toString('utf8'));
