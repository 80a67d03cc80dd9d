// `assembla-rx export`: every ticket of a space, read through `iterateTickets` (pages asked for as
// the writer keeps up) and written record by record, each whole, waiting for the output to drain, so
// memory stays flat whatever the number of tickets or the speed of the output.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { firstValueFrom, of, type OperatorFunction } from 'rxjs';
import {
  API,
  associations,
  attachments,
  codecs,
  comments,
  iterateTickets,
  tags,
  type Auth,
  type Space,
  type Ticket,
} from '../index';
import type { ExportArgs, Kind } from './args';
import { csvRow } from './csv';

/** What each `--include` kind is: the operator that reads it for one ticket, and its CSV columns. */
const EXTRAS: Record<
  Kind,
  { readonly read: () => OperatorFunction<Ticket, readonly object[]>; readonly fields: string[] }
> = {
  comments: { read: comments, fields: Object.keys(codecs.TicketComment.fields) },
  tags: { read: () => tags<Ticket>(), fields: Object.keys(codecs.Tag.fields) },
  attachments: { read: attachments, fields: Object.keys(codecs.Document.fields) },
  associations: { read: associations, fields: Object.keys(codecs.TicketAssociation.fields) },
};

const TICKET_FIELDS = Object.keys(codecs.Ticket.fields);

/** An expected failure (bad credentials in the environment, no such space): shown as its message alone. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

/** What an export did, for the summary line. */
export interface ExportSummary {
  readonly tickets: number;
  readonly requests: number;
  readonly retries: number;
}

/**
 * The credentials in the environment: ASSEMBLA_KEY with ASSEMBLA_SECRET, or ASSEMBLA_TOKEN.
 * @example authFromEnv({ ASSEMBLA_TOKEN: 'tok' })  // { token: 'tok' }
 */
export function authFromEnv(env: Readonly<Record<string, string | undefined>>): Auth {
  const { ASSEMBLA_KEY: key, ASSEMBLA_SECRET: secret, ASSEMBLA_TOKEN: token } = env;
  if (key && secret) return { key, secret };
  if (token) return { token };
  throw new ExportError('No credentials: set ASSEMBLA_KEY and ASSEMBLA_SECRET, or ASSEMBLA_TOKEN');
}

/** Writes a whole record, then waits for the stream to drain if its buffer is full. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

/** Ends a file stream and waits until everything is on disk (stdout is left open). */
function close(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject);
    out.end(resolve);
  });
}

/** The space named by name, id or wiki_name (the spaces the credentials can see). */
async function findSpace(api: API, wanted: string): Promise<Space> {
  const spaces = await firstValueFrom(api.spaces());
  const space = spaces.find((s) => s.id === wanted || s.wiki_name === wanted || s.name === wanted);
  if (!space) throw new ExportError(`No space named ${JSON.stringify(wanted)} (by name, id or wiki_name)`);
  return space;
}

/** Each included kind of one ticket, in the order asked for. */
async function extrasOf(ticket: Ticket, include: readonly Kind[]): Promise<Map<Kind, readonly object[]>> {
  const extras = new Map<Kind, readonly object[]>();
  for (const kind of include) extras.set(kind, await firstValueFrom(of(ticket).pipe(EXTRAS[kind].read())));
  return extras;
}

/**
 * Exports the tickets of `args.space` to `args.out` (or `stdout`), with the included kinds.
 * @example await runExport(parseCommand(argv).args, process.env, process.stdout)
 */
export async function runExport(
  args: ExportArgs,
  env: Readonly<Record<string, string | undefined>>,
  stdout: Writable,
): Promise<ExportSummary> {
  // No cache: an export reads everything once, and a cache would grow with it.
  const api = new API({ auth: authFromEnv(env), useCache: false, ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}) });
  let requests = 0;
  let retries = 0;
  const counting = api.requests$.subscribe((e) => {
    if (e.type === 'start') requests++;
    if (e.type === 'retry') retries++;
  });
  const files: Writable[] = [];
  const open = (path: string): Writable => {
    const stream = createWriteStream(path);
    files.push(stream);
    return stream;
  };
  let tickets = 0;
  try {
    const space = await findSpace(api, args.space);
    const out = args.out ? open(args.out) : stdout;
    const sides = new Map(
      args.include.map((kind) => [kind, args.format === 'csv' ? open(`${args.out}.${kind}.csv`) : out]),
    );
    if (args.format === 'csv') {
      await write(out, csvRow(TICKET_FIELDS));
      for (const [kind, side] of sides) await write(side, csvRow(['ticket_number', ...EXTRAS[kind].fields]));
    }
    for await (const ticket of iterateTickets(of(space))) {
      const extras = await extrasOf(ticket, args.include);
      if (args.format === 'ndjson') {
        await write(out, `${JSON.stringify({ ...ticket, ...Object.fromEntries(extras) })}\n`);
      } else {
        await write(out, csvRow(TICKET_FIELDS.map((f) => (ticket as unknown as Record<string, unknown>)[f])));
        for (const [kind, items] of extras) {
          const fields = EXTRAS[kind].fields;
          const rows = items.map((item) =>
            csvRow([ticket.number, ...fields.map((f) => (item as Record<string, unknown>)[f])]),
          );
          if (rows.length > 0) await write(sides.get(kind)!, rows.join(''));
        }
      }
      tickets++;
    }
    await Promise.all(files.map(close));
  } finally {
    counting.unsubscribe();
    // On a failure, what was written so far stays in the files.
    for (const file of files) if (!file.writableEnded) file.end();
  }
  return { tickets, requests, retries };
}
