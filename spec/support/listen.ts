// A node:http server of a spec's own on a free port of 127.0.0.1, and how to stop it.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts `server` on a free loopback port: its URL, and a `close()` that also ends kept-alive sockets.
 *
 * @example const { url, close } = await listenLocally(createServer(handler));
 */
export async function listenLocally(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
