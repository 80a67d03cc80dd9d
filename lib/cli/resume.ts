// The state of an unfinished export to a file: `<out>.state.json`, saved now and then while the
// export runs and once more when it stops, removed when it completes. It holds what a resume must
// repeat (space, format, kinds, CSV columns) and where the last whole record ends in each file.
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import type { ExportArgs, Format, Kind } from './args';
import { ExportError } from './errors';
import type { Sink } from './output';

/** What `<out>.state.json` holds while an export to `out` is unfinished. */
export interface ExportState {
  readonly version: 1;
  /** The space's id. */
  readonly space: string;
  readonly format: Format;
  readonly include: readonly Kind[];
  /** In CSV, each file's columns as its header has them (`tickets`, then each kind): a resume keeps them. */
  readonly columns: Readonly<Record<string, readonly string[]>>;
  /** The number of the last ticket whose record is whole in every file; 0 before the first. */
  readonly last: number;
  /** Tickets written up to it. */
  readonly written: number;
  /** Each file's size up to the end of that record (`tickets`, then each kind): a resume cuts the rest. */
  readonly sizes: Readonly<Record<string, number>>;
}

/** What a checkpoint adds to the export's fixed settings. */
type Position = Pick<ExportState, 'last' | 'written'>;

// Saving more often costs a file write each time; less often, more records written again on resume.
const EVERY_MS = 500;

/**
 * The state file of an export to `out`.
 * @example statePath('tickets.csv')  // 'tickets.csv.state.json'
 */
export const statePath = (out: string): string => `${out}.state.json`;

/**
 * The saved state of the export to `out`, or undefined if there is none.
 * @example const state = await readState('tickets.ndjson');
 */
export async function readState(out: string): Promise<ExportState | undefined> {
  let text: string;
  try {
    text = await readFile(statePath(out), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const state = JSON.parse(text) as Partial<ExportState>;
  if (state.version !== 1 || typeof state.last !== 'number' || typeof state.sizes !== 'object')
    throw new ExportError(`Cannot resume: ${statePath(out)} is not a state file of assembla-rx export`);
  return state as ExportState;
}

/**
 * Checks that `args` continue the export `state` describes; throws an ExportError that says what differs.
 * @example checkResume(state, args, space.id)
 */
export function checkResume(state: ExportState, args: ExportArgs, spaceId: string): void {
  const differs = (what: string, was: unknown, now: unknown): ExportError =>
    new ExportError(`Cannot resume: the export to ${args.out} was of ${what} ${was}, not ${now}`);
  if (state.space !== spaceId) throw differs('space', state.space, `${args.space} (${spaceId})`);
  if (state.format !== args.format) throw differs('--format', state.format, args.format);
  if (state.include.join(',') !== args.include.join(','))
    throw differs('--include', state.include.join(',') || '(none)', args.include.join(',') || '(none)');
}

/**
 * Saves the state of a running export: now and then in the background after a whole record, and
 * on demand. A checkpoint names sizes only once every byte up to them is written to the files, and
 * replaces the state file in one rename, so a kill at any moment leaves a state that holds.
 */
export class Checkpoints {
  #saving: Promise<void> = Promise.resolve();
  #busy = false;
  #savedAt = -Infinity;
  #failure: unknown;

  constructor(
    private readonly path: string,
    private readonly settings: Omit<ExportState, keyof Position | 'sizes'>,
    private readonly sinks: ReadonlyMap<string, Sink>,
  ) {}

  /** After a whole record: saves the state in the background if the last save is old enough. */
  mark(position: Position, now = Date.now()): void {
    if (this.#failure) throw this.#failure;
    if (this.#busy || now - this.#savedAt < EVERY_MS) return;
    this.#saving = this.#save(position).catch((e: unknown) => void (this.#failure = e));
  }

  /** Saves the state at `position` and waits until it is on disk. */
  async save(position: Position): Promise<void> {
    await this.#saving;
    await this.#save(position);
  }

  /** The export is complete: its state goes. */
  async remove(): Promise<void> {
    await this.#saving;
    await unlink(this.path).catch(() => undefined);
  }

  async #save(position: Position): Promise<void> {
    this.#busy = true;
    try {
      const sizes = Object.fromEntries([...this.sinks].map(([name, sink]) => [name, sink.written]));
      await Promise.all([...this.sinks.values()].map((sink) => sink.flushed));
      const state: ExportState = { ...this.settings, ...position, sizes };
      await writeFile(`${this.path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
      await rename(`${this.path}.tmp`, this.path);
      this.#savedAt = Date.now();
    } finally {
      this.#busy = false;
    }
  }
}
