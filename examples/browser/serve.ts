// `npm run dashboard:browser`: the browser dashboard against the local Assembla server, by hand. Starts the
// server (2,000 tickets), builds the page (scripts/build-browser.js) and serves it from another port, so the
// page calls the API across origins (CORS) as it would call api.assembla.com; then prints the page's address.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { DEFAULT_CREDENTIALS, startServer } from '../../lib/testing';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
};

/** A page being served: its base address (`http://127.0.0.1:PORT/`) and how to stop serving it. */
export interface ServedPage {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves the files of `dir` (not its subfolders) on 127.0.0.1: GET only, by name, `/` as `index.html`.
 *
 * @example const page = await servePage('examples/browser/dist'); console.log(`${page.url}index.html`);
 */
export async function servePage(dir: string, port = 0): Promise<ServedPage> {
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(1) || 'index.html';
    const type = TYPES[extname(name)];
    if (req.method !== 'GET' || !type || name.includes('/') || name.includes('\\')) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(dir, name)).then(
      (body) => res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Builds the page into `outdir` (scripts/build-browser.js, esbuild).
 *
 * @example buildPage(mkdtempSync(join(tmpdir(), 'page-')))
 */
export function buildPage(outdir: string): void {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build-browser.js'), outdir], {
    stdio: 'pipe',
  });
}

/**
 * The page's address with what it reads from it: the API's base URL, a bearer token, the space and the
 * poll interval.
 *
 * @example pageAddress(page.url, server.url, 'local-token', 'Big Project', 1000)
 */
export function pageAddress(pageUrl: string, apiUrl: string, token: string, space: string, every: number): string {
  const query = new URLSearchParams({ api: apiUrl, token, space, every: String(every) });
  return `${pageUrl}index.html?${query}`;
}

async function main(): Promise<void> {
  const server = await startServer({ data: { tickets: 2000 } });
  const dir = join(__dirname, 'dist');
  buildPage(dir);
  const page = await servePage(dir, Number(process.env.PORT ?? 0));
  const every = Number(process.env.DASHBOARD_INTERVAL_MS ?? 2000);
  const { key, secret, token } = DEFAULT_CREDENTIALS;
  console.log(`Local Assembla API at ${server.url}/v1`);
  console.log(`Open ${pageAddress(page.url, server.url, token, 'Big Project', every)}`);
  console.log('Change a ticket and watch the page, e.g.:');
  console.log(
    `  curl -X PUT -H 'X-Api-Key: ${key}' -H 'X-Api-Secret: ${secret}' -H 'Content-Type: application/json' ` +
      `-d '{"ticket":{"status":"Fixed"}}' '${server.url}/v1/spaces/${server.data.spaces[0].id}/tickets/1.json'`,
  );
  console.log('Ctrl-C stops both servers.');
  process.once('SIGINT', () => void Promise.all([page.stop(), server.stop()]).then(() => process.exit(0)));
}

if (require.main === module)
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
