#!/usr/bin/env node
// `assembla-rx`: the package's command. `main` takes its argv, environment and streams as arguments,
// so the specs run it in-process; `runProgram` runs it as the process.
import { AssemblaError } from '../index';
import { parseCommand } from './args';
import { ExportError, InterruptedError, UsageError } from './errors';
import { runExport, type ExportIO } from './export';

/** Where the command reads and writes (the process's own when run as a program), and its Ctrl-C. */
export type CliIO = ExportIO;

/**
 * Runs one command line; resolves to the exit code. Expected failures print one line on stderr, no
 * stack: a wrong command line exits 2, an interrupted export 130, an API or credentials error 1.
 * @example process.exitCode = await main(process.argv.slice(2), process);
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const started = Date.now();
  try {
    const command = parseCommand(argv);
    if (command.command === 'help') {
      io.stdout.write(`${command.text}\n`);
      return 0;
    }
    const { tickets, resumedAfter, requests, retries } = await runExport(command.args, io);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const resumed = resumedAfter === undefined ? '' : ` (resumed after #${resumedAfter})`;
    io.stderr.write(`Exported ${tickets} tickets${resumed}: ${requests} requests, ${retries} retries, ${seconds} s\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`assembla-rx: ${e.message} (see assembla-rx --help)\n`);
      return 2;
    }
    // An AssemblaError's message names what failed, never the credentials; a file system error
    // (EACCES, ENOSPC) names the file. Only a bug shows its stack.
    const expected =
      e instanceof AssemblaError ||
      e instanceof ExportError ||
      e instanceof InterruptedError ||
      typeof (e as NodeJS.ErrnoException | undefined)?.syscall === 'string';
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`assembla-rx: ${message}\n`);
    if (!expected && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return e instanceof InterruptedError ? 130 : 1;
  }
}

/**
 * Runs `assembla-rx` as the process: its streams and environment; Ctrl-C (SIGINT) or SIGTERM stop
 * an export after a whole record; `process.exitCode` is set at the end.
 * @example runProgram(process.argv.slice(2));
 */
export function runProgram(argv: readonly string[]): void {
  // The reader went away (`assembla-rx export ... | head`): stop quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  const interrupt = new AbortController();
  const stop = (): void => {
    // A second Ctrl-C does not wait.
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  void main(argv, {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    interrupt: interrupt.signal,
  }).then((code) => {
    process.exitCode = code;
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  });
}

if (require.main === module) runProgram(process.argv.slice(2));
