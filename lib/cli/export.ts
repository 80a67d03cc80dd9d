// `assembla-rx export`: every ticket of a space, read through `iterateTickets` (pages asked for as
// the writer keeps up) and written record by record, each whole, waiting for the output to drain, so
// memory stays flat whatever the number of tickets or the speed of the output. The included kinds
// of the next tickets are fetched while earlier ones are written (`mapInOrder`), through the same
// API, so pages and kinds share its concurrency.
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { firstValueFrom, fromEvent, lastValueFrom, of, takeUntil, type OperatorFunction } from 'rxjs';
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
import { ExportError, InterruptedError } from './errors';
import { mapInOrder } from './in-order';
import { openFile, Sink } from './output';
import { progressOn, type ProgressStream } from './progress';
import { Checkpoints, checkResume, readState, statePath, type ExportState } from './resume';

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

// The SDK's default (lib/transport/concurrency.ts), so that the look-ahead can be sized from it.
const DEFAULT_CONCURRENCY = 6;

/** Where an export reads its settings and writes its output and progress. */
export interface ExportIO {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Writable;
  readonly stderr: ProgressStream;
  /** Aborted on Ctrl-C: the export finishes the record it is writing, saves its state and stops. */
  readonly interrupt?: AbortSignal;
}

/** What an export did, for the summary line. */
export interface ExportSummary {
  /** Tickets in the output, those of an earlier run included. */
  readonly tickets: number;
  /** Where a resumed export took up: the number of the last ticket written before. */
  readonly resumedAfter?: number;
  readonly requests: number;
  readonly retries: number;
}

/** One ticket and its included kinds, in `--include` order. */
interface Row {
  readonly ticket: Ticket;
  readonly extras: ReadonlyArray<readonly [Kind, readonly object[]]>;
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

/** The space named by name, id or wiki_name (the spaces the credentials can see). */
async function findSpace(api: API, wanted: string): Promise<Space> {
  const spaces = await firstValueFrom(api.spaces());
  const space = spaces.find((s) => s.id === wanted || s.wiki_name === wanted || s.name === wanted);
  if (!space) throw new ExportError(`No space named ${JSON.stringify(wanted)} (by name, id or wiki_name)`);
  return space;
}

/** Each included kind of one ticket, fetched at once; `signal` abandons them. */
function extrasOf(include: readonly Kind[]) {
  return async (ticket: Ticket, signal: AbortSignal): Promise<Row> => {
    const read = (kind: Kind) =>
      lastValueFrom(of(ticket).pipe(EXTRAS[kind].read(), takeUntil(fromEvent(signal, 'abort'))), {
        defaultValue: [],
      });
    const lists = await Promise.all(include.map(read));
    return { ticket, extras: include.map((kind, i) => [kind, lists[i]] as const) };
  };
}

/** The state of a fresh export: its files' CSV columns, nothing written yet. */
function freshState(args: ExportArgs, space: Space): ExportState {
  // NDJSON records are objects: no columns to keep.
  const columns: Record<string, readonly string[]> = {};
  if (args.format === 'csv') {
    columns.tickets = Object.keys(codecs.Ticket.fields);
    for (const kind of args.include) columns[kind] = ['ticket_number', ...EXTRAS[kind].fields];
  }
  const { format, include } = args;
  return { version: 1, space: space.id, format, include, columns, last: 0, written: 0, sizes: {} };
}

/** Where the export was asked to continue from: the saved state, checked against `args`; none for a fresh export. */
async function stateToResume(args: ExportArgs, space: Space): Promise<ExportState | undefined> {
  if (!args.resume || !args.out) return undefined;
  const state = await readState(args.out);
  if (state) checkResume(state, args, space.id);
  else if (existsSync(args.out))
    throw new ExportError(
      `Cannot resume: ${args.out} has no ${statePath(args.out)}, so it is complete or not an unfinished export; ` +
        'remove it or run without --resume to export afresh',
    );
  return state;
}

/** The outputs: `tickets` (stdout or --out), and in CSV each kind beside it; at the state's sizes. */
async function openSinks(args: ExportArgs, state: ExportState, stdout: Writable): Promise<Map<string, Sink>> {
  const out = args.out;
  if (!out) return new Map([['tickets', new Sink(stdout)]]);
  const paths = new Map([['tickets', out]]);
  if (args.format === 'csv') for (const kind of args.include) paths.set(kind, `${out}.${kind}.csv`);
  const sinks = new Map<string, Sink>();
  for (const [name, path] of paths) sinks.set(name, await openFile(path, state.sizes[name] ?? 0));
  return sinks;
}

/** Writes one ticket's record whole: in CSV its kinds' rows first, so a ticket's row on disk means all of it is. */
async function writeRow(row: Row, state: ExportState, sinks: ReadonlyMap<string, Sink>): Promise<void> {
  const { ticket, extras } = row;
  const tickets = sinks.get('tickets')!;
  if (state.format === 'ndjson') {
    await tickets.write(`${JSON.stringify({ ...ticket, ...Object.fromEntries(extras) })}\n`);
    return;
  }
  const cells = (item: object, columns: readonly string[]) =>
    columns.map((c) => (c === 'ticket_number' ? ticket.number : (item as Record<string, unknown>)[c]));
  for (const [kind, items] of extras) {
    const rows = items.map((item) => csvRow(cells(item, state.columns[kind])));
    if (rows.length > 0) await sinks.get(kind)!.write(rows.join(''));
  }
  await tickets.write(csvRow(cells(ticket, state.columns.tickets)));
}

/** The tickets after `last`, counting those pulled, and whether the list was read to its end. */
function after(tickets: AsyncIterable<Ticket>, last: number) {
  const seen = { pulled: 0, finished: false };
  async function* rest(): AsyncGenerator<Ticket> {
    for await (const ticket of tickets) {
      if (ticket.number <= last) continue;
      seen.pulled++;
      yield ticket;
    }
    seen.finished = true;
  }
  return { rest: rest(), seen };
}

/**
 * Exports the tickets of `args.space` to `args.out` (or stdout), with the included kinds, showing
 * progress on `io.stderr`; with `args.resume`, continues the unfinished export to `args.out`.
 *
 * @example await runExport(parseCommand(argv).args, process)
 */
export async function runExport(args: ExportArgs, io: ExportIO): Promise<ExportSummary> {
  // No cache: an export reads everything once, and a cache would grow with it.
  const api = new API({
    auth: authFromEnv(io.env),
    useCache: false,
    retry: { maxAttempts: args.attempts },
    ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}),
    ...(args.concurrency ? { concurrency: args.concurrency } : {}),
  });
  let requests = 0;
  let retries = 0;
  const counting = api.requests$.subscribe((e) => {
    if (e.type === 'start') requests++;
    if (e.type === 'retry') retries++;
  });
  const pages = new AbortController();
  let sinks = new Map<string, Sink>();
  try {
    const space = await findSpace(api, args.space);
    const resumed = await stateToResume(args, space);
    const state = resumed ?? freshState(args, space);
    sinks = await openSinks(args, state, io.stdout);
    const { last, written, sizes: _, ...settings } = state;
    const checkpoints = args.out ? new Checkpoints(statePath(args.out), settings, sinks) : undefined;
    if (!resumed && state.format === 'csv')
      for (const [name, sink] of sinks) await sink.write(csvRow(state.columns[name]));
    let position = { last, written };
    // From the start, a kill leaves a state to resume from.
    await checkpoints?.save(position);

    const progress = progressOn(io.stderr, position.written);
    const { rest, seen } = after(
      iterateTickets(of(space), undefined, { signal: pages.signal, onUpperBound: (n) => progress.bound(n) }),
      position.last,
    );
    // Enough tickets ahead to keep every connection busy while the oldest one's kinds are awaited.
    const ahead = args.include.length > 0 ? 2 * (args.concurrency ?? DEFAULT_CONCURRENCY) : 1;
    try {
      for await (const row of mapInOrder(rest, ahead, extrasOf(args.include), io.interrupt)) {
        await writeRow(row, state, sinks);
        position = { last: row.ticket.number, written: position.written + 1 };
        checkpoints?.mark(position);
        progress.update(position.written);
      }
    } catch (e) {
      // Whatever failed, what is whole on disk is kept and named in the state, to resume from.
      await checkpoints?.save(position).catch(() => undefined);
      throw checkpoints ? resumable(e, position) : e;
    } finally {
      progress.end();
    }
    const complete = seen.finished && seen.pulled === position.written - state.written;
    if (!complete) {
      await checkpoints?.save(position);
      throw new InterruptedError(
        `Interrupted after ${position.written} tickets` + (checkpoints ? ': resume with --resume' : ''),
      );
    }
    for (const sink of sinks.values()) await sink.close();
    await checkpoints?.remove();
    return { tickets: position.written, resumedAfter: resumed?.last, requests, retries };
  } finally {
    pages.abort();
    counting.unsubscribe();
    // On a failure, what was written so far stays in the files.
    for (const sink of sinks.values()) if (sink.path && !sink.stream.writableEnded) sink.stream.end();
  }
}

/** A failure after some tickets are on disk, with the way to go on in its message. */
function resumable(e: unknown, position: { readonly written: number }): Error {
  const error = e instanceof Error ? e : new Error(String(e));
  error.message += ` (${position.written} tickets written: resume with --resume)`;
  return error;
}
