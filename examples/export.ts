// Used-by case: a streaming export. Every ticket of a space as NDJSON (or CSV with --csv) on
// stdout, with constant memory whatever the number of tickets and however slow stdout is
// (`iterateTickets` asks for a page only as the loop gets near it); progress goes to stderr, from
// `assembla.requests$`.
import type { Writable } from 'node:stream';
import { filter } from 'rxjs';
import { iterateTickets } from '../lib';
import type { Example } from './support/context';
import { runAlone } from './support/connect';

const CSV_FIELDS = [
  'number',
  'summary',
  'status',
  'priority',
  'assigned_to_id',
  'milestone_id',
  'created_on',
  'updated_at',
] as const;

function csvCell(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes a line, waiting for the stream to drain when its buffer is full (so memory stays flat). */
async function write(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

/**
 * Streams the space's tickets to `out`; returns how many were written.
 *
 * @example exportTickets(ctx, process.stdout, 'ndjson', process.stderr)
 */
export async function exportTickets(
  { assembla, spaceName }: Parameters<Example>[0],
  out: Writable,
  format: 'ndjson' | 'csv',
  progress?: Writable,
): Promise<number> {
  let pages = 0;
  const progressSub = assembla.requests$
    .pipe(filter((e) => e.type === 'end' && e.url.includes('/tickets')))
    .subscribe(() => {
      pages++;
      progress?.write(`\rpages read: ${pages}`);
    });
  if (format === 'csv') await write(out, CSV_FIELDS.join(','));
  let written = 0;
  try {
    for await (const t of iterateTickets(assembla.space({ name: spaceName }))) {
      await write(out, format === 'csv' ? CSV_FIELDS.map((f) => csvCell(t[f])).join(',') : JSON.stringify(t));
      written++;
    }
    return written;
  } finally {
    progressSub.unsubscribe();
    progress?.write(`\rpages read: ${pages}, done\n`);
  }
}

export const exportExample: Example = async (ctx) => {
  const n = await exportTickets(ctx, process.stdout, process.argv.includes('--csv') ? 'csv' : 'ndjson', process.stderr);
  process.stderr.write(`exported ${n} tickets\n`);
};

if (require.main === module) runAlone(exportExample);
