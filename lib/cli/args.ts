// The command line of `assembla-rx`: what each command takes, checked before any request is made.
import { UsageError } from './errors';

/** What `assembla-rx export` writes. */
export type Format = 'ndjson' | 'csv';

/** What `--include` can add to each ticket: one request per ticket each. */
export const KINDS = ['comments', 'tags', 'attachments', 'associations'] as const;

/** One of `KINDS`. */
export type Kind = (typeof KINDS)[number];

/** The options of `assembla-rx export`, as parsed. */
export interface ExportArgs {
  readonly space: string;
  readonly format: Format;
  readonly include: readonly Kind[];
  readonly out?: string;
  readonly baseUrl?: string;
  /** HTTP calls in flight at most: pages and included kinds alike (the SDK's default, 6). */
  readonly concurrency?: number;
  /** Tries of each request before the export stops (default 8: an export is a long batch job). */
  readonly attempts: number;
  /** Continue the interrupted export to `out` from its state file. */
  readonly resume: boolean;
}

/** What the command line asks for. */
export type Command =
  { readonly command: 'help'; readonly text: string } | { readonly command: 'export'; readonly args: ExportArgs };

export const USAGE = `Usage: assembla-rx <command> [options]

Commands:
  export      every ticket of a space, as NDJSON or CSV, resumable
  server      the local Assembla-compatible server, for trying the SDK and this command

Run 'assembla-rx <command> --help' for a command's options.
Credentials come from the environment only: ASSEMBLA_KEY and ASSEMBLA_SECRET, or ASSEMBLA_TOKEN.`;

export const EXPORT_USAGE = `Usage: assembla-rx export --space <name|id|wiki_name> [options]

  --space <s>          the space, by name, id or wiki_name (required)
  --format <f>         ndjson (default) or csv
  --include <kinds>    comma-separated: ${KINDS.join(',')}
                       ndjson embeds them in each ticket ("comments": [...]); csv writes each
                       to <out>.<kind>.csv keyed by ticket_number (needs --out)
  --out <file>         write to this file instead of stdout
  --resume             continue an interrupted export to --out from where it stopped
                       (its state is in <out>.state.json until the export is complete)
  --concurrency <n>    HTTP calls in flight at most, pages and included kinds alike (default 6)
  --attempts <n>       tries of each request (429, 5xx, timeouts, dropped connections) before
                       the export stops, resumable (default 8)
  --base-url <url>     the API's address (default https://api.assembla.com), e.g. a local server
  --help               this text

Credentials come from the environment only: ASSEMBLA_KEY and ASSEMBLA_SECRET, or ASSEMBLA_TOKEN.
Progress goes to stderr (a bar on a terminal, a line at each tenth otherwise), then a summary.
Exit: 0 done, 1 failed (with --out: resume with --resume), 2 wrong command line,
130 interrupted by Ctrl-C after a whole record (resume with --resume).`;

const FORMATS: readonly string[] = ['ndjson', 'csv'];

/**
 * Turns the command line (without `node` and the script) into a command; throws a UsageError.
 * @example parseCommand(['export', '--space', 'Big Project', '--format', 'csv'])
 */
export function parseCommand(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help')
    return { command: 'help', text: USAGE };
  if (command !== 'export') throw new UsageError(`Unknown command ${command}`);
  if (rest.includes('--help') || rest.includes('-h')) return { command: 'help', text: EXPORT_USAGE };
  return { command: 'export', args: parseExport(rest) };
}

const VALUE_FLAGS = ['--space', '--format', '--include', '--out', '--base-url', '--concurrency', '--attempts'];

function parseExport(argv: readonly string[]): ExportArgs {
  const values = new Map<string, string>();
  let resume = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--resume') {
      resume = true;
      continue;
    }
    if (!VALUE_FLAGS.includes(flag)) throw new UsageError(`Unknown option ${flag}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    values.set(flag, value);
  }
  const space = values.get('--space');
  if (space === undefined) throw new UsageError('--space is required');
  const format = values.get('--format') ?? 'ndjson';
  if (!FORMATS.includes(format)) throw new UsageError(`--format takes ndjson or csv, got ${format}`);
  const include = (values.get('--include') ?? '').split(',').filter((k) => k !== '');
  const unknown = include.filter((k) => !(KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new UsageError(`--include takes ${KINDS.join(',')}; got ${unknown.join(',')}`);
  const out = values.get('--out');
  if (format === 'csv' && include.length > 0 && out === undefined)
    throw new UsageError('--include with --format csv needs --out (each kind goes to <out>.<kind>.csv)');
  if (resume && out === undefined) throw new UsageError('--resume needs --out (the export to continue)');
  const concurrency = count(values, '--concurrency');
  const attempts = count(values, '--attempts') ?? DEFAULT_ATTEMPTS;
  const baseUrl = values.get('--base-url');
  return { space, format: format as Format, include: include as Kind[], out, baseUrl, concurrency, attempts, resume };
}

const DEFAULT_ATTEMPTS = 8;

/** A flag's whole number of at least 1, if given. */
function count(values: ReadonlyMap<string, string>, flag: string): number | undefined {
  const text = values.get(flag);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} takes a whole number of at least 1, got ${text}`);
  return n;
}
