#!/usr/bin/env node
// `assembla-rx`: the package's command. `main` takes its argv, environment and streams as arguments,
// so the specs run it in-process; the last lines run it as a program.
import type { Writable } from 'node:stream';
import { parseCommand, UsageError } from './args';
import { runExport } from './export';

/** Where the command reads and writes; the process's own when run as a program. */
export interface CliIO {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

/**
 * Runs one command line; resolves to the exit code. Expected failures print one line on stderr, no
 * stack: a wrong command line exits 2, an API or credentials error 1.
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
    const { tickets, requests, retries } = await runExport(command.args, io.env, io.stdout);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.stderr.write(`Exported ${tickets} tickets: ${requests} requests, ${retries} retries, ${seconds} s\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`assembla-rx: ${e.message} (see assembla-rx --help)\n`);
      return 2;
    }
    // An AssemblaError's message names what failed, never the credentials; anything else is shown as its message too.
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`assembla-rx: ${message}\n`);
    return 1;
  }
}

/**
 * Runs `assembla-rx` as the process: its streams and environment, `process.exitCode` set at the end.
 * @example runProgram(process.argv.slice(2));
 */
export function runProgram(argv: readonly string[]): void {
  // The reader went away (`assembla-rx export ... | head`): stop quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(0);
  });
  void main(argv, process).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runProgram(process.argv.slice(2));
