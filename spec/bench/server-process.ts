// The local Assembla server in a child process, so that its CPU time (building pages, JSON
// serialisation) and its heap are not counted as ours. We read its URL from the first line it
// prints (`LISTENING <url>`) and its request counters from `GET /__stats`.
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

/** The repository root: the server's entry point and ts-node are resolved from there. */
export const ROOT = path.resolve(__dirname, '..', '..');

export interface ServerCounters {
  /** Requests answered since the last reset (`/__stats` itself excluded). */
  readonly requests: number;
  readonly byEndpoint: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
}

export interface ServerProcess {
  readonly url: string;
  readonly tickets: number;
  readonly latencyMs: number;
  counters(): Promise<ServerCounters>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

// Every child we started, so that an error, Ctrl-C or a plain exit never leaves one behind.
const children = new Set<ChildProcess>();

/** Kills every child still running (synchronous: safe in an `exit` handler). */
export function killAllChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}

/** Remembers a child process so that `killAllChildren` ends it; forgets it once it exits. */
export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** `node -r ts-node/register/transpile-only <script> ...args`, from the repository root. */
export function nodeArgs(script: string, args: readonly string[], nodeFlags: readonly string[] = []): string[] {
  return [...nodeFlags, '-r', 'ts-node/register/transpile-only', script, ...args];
}

/**
 * Runs a measurement in a fresh `node --expose-gc` (a heap and a GC of its own, nothing else
 * running in it) and resolves to what it printed on its `RESULT <json>` line.
 *
 * @example const heap = await runIsolated<HeapResult>('spec/bench/memory.ts', [url, '10000']);
 */
export function runIsolated<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(process.execPath, nodeArgs(script, args, ['--expose-gc']), {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    let result: T | undefined;
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('RESULT ')) result = JSON.parse(line.slice('RESULT '.length)) as T;
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 && result !== undefined
        ? resolve(result)
        : reject(new Error(`${script} ${args.join(' ')} failed (code ${code}): ${stderr.trim()}`)),
    );
  });
}

/** The `RESULT <json>` line a script run by `runIsolated` ends with. */
export function printResult(result: unknown): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

/** The garbage collector of a process started with --expose-gc. */
export function exposedGC(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  return gc;
}

/**
 * Starts `lib/testing/cli.ts` with `tickets` tickets in Big Project and `latencyMs` before every
 * answer, on a free port; resolves once it listens.
 *
 * @example const server = await startServerProcess(2000, 50); ...; await server.stop();
 */
export async function startServerProcess(tickets: number, latencyMs: number): Promise<ServerProcess> {
  const args = nodeArgs('lib/testing/cli.ts', [
    '--tickets',
    String(tickets),
    '--latency',
    String(latencyMs),
    '--port',
    '0',
  ]);
  const child = track(spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));

  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error('the server did not print LISTENING within 120 s')), 120_000);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    lines.once('line', (line) => {
      const m = /^LISTENING (\S+)/.exec(line);
      if (!m) return fail(new Error(`the server's first line was not "LISTENING <url>": ${line}`));
      clearTimeout(timer);
      // Keep draining its output so that a full pipe can never block it.
      lines.on('line', () => undefined);
      resolve(m[1]);
    });
    child.once('exit', (code, signal) =>
      fail(new Error(`the server exited before listening (code ${code}, signal ${signal}): ${stderr.trim()}`)),
    );
    child.once('error', fail);
  });

  const exited = new Promise<void>((resolve) =>
    child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
  return {
    url,
    tickets,
    latencyMs,
    async counters() {
      const res = await fetch(`${url}/__stats`);
      if (!res.ok) throw new Error(`GET ${url}/__stats answered ${res.status}`);
      return (await res.json()) as ServerCounters;
    },
    async reset() {
      const res = await fetch(`${url}/__stats/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`POST ${url}/__stats/reset answered ${res.status}`);
    },
    async stop() {
      // SIGTERM lets the CLI close its sockets; SIGKILL if it has not gone within 5 s.
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
