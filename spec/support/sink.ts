// Writable sinks that keep what is written, and `assembla-rx` run in-process with them as its
// stdout and stderr.
import { Writable } from 'node:stream';
import { main } from '../../lib/cli/main';

/** A sink that keeps what is written. */
export interface Sink extends Writable {
  /** What was written so far. */
  text(): string;
  /** Ends the sink and resolves to all that was written, once every write went through. */
  finished(): Promise<string>;
}

/** How a sink takes writes. */
export interface SinkOptions {
  /** A small buffer with each write answered a turn later, so a writer must wait for 'drain' again and again. */
  readonly slow?: boolean;
  /** Awaited before the first write is taken. */
  readonly ready?: () => Promise<void>;
}

/**
 * A sink that keeps what is written.
 * @example const out = collect({ slow: true }); ...; expect(await out.finished()).toBe('...');
 */
export function collect(options: SinkOptions = {}): Sink {
  const chunks: Buffer[] = [];
  let waiting = options.ready;
  const sink = new Writable({
    ...(options.slow ? { highWaterMark: 64 } : {}),
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      const wait = waiting?.() ?? Promise.resolve();
      waiting = undefined;
      void wait.then(() => (options.slow ? setImmediate(done) : done()));
    },
  }) as Sink;
  sink.text = () => Buffer.concat(chunks).toString('utf8');
  sink.finished = () => new Promise((resolve) => sink.end(() => resolve(sink.text())));
  return sink;
}

/**
 * Runs `assembla-rx` in-process with `env` and sinks for its streams; resolves once both took all.
 * @example const { code, out, err } = await runCli(['export', '--space', 'Big Project'], env);
 */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
  options: { readonly stdout?: Sink; readonly stderr?: Sink } = {},
): Promise<{ code: number; out: string; err: string }> {
  const stdout = options.stdout ?? collect({ slow: true });
  const stderr = options.stderr ?? collect();
  const code = await main(argv, { env, stdout, stderr });
  return { code, out: await stdout.finished(), err: await stderr.finished() };
}
