// Where an export writes: stdout, or files whose sizes are tracked, so that a resume knows where the
// last whole record ends in each of them.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { truncate } from 'node:fs/promises';
import type { Writable } from 'node:stream';

/** One output of an export: what has been handed to it, and a promise that it is all written out. */
export class Sink {
  /** Bytes handed to the stream so far (with the size it had when opened). */
  written: number;
  /** Settles once every byte handed so far is written to the file (not only buffered). */
  flushed: Promise<void> = Promise.resolve();
  #failure: Error | undefined;

  constructor(
    readonly stream: Writable,
    readonly path?: string,
    size = 0,
  ) {
    this.written = size;
    stream.on('error', (e: Error) => (this.#failure = e));
  }

  /** Writes a whole record, then waits for the stream to drain if its buffer is full. */
  async write(chunk: string): Promise<void> {
    if (this.#failure) throw this.#failure;
    this.written += Buffer.byteLength(chunk);
    let room = true;
    this.flushed = new Promise((resolve, reject) => {
      room = this.stream.write(chunk, (e) => (e ? reject(e) : resolve()));
    });
    this.flushed.catch(() => undefined);
    if (!room) await once(this.stream, 'drain');
  }

  /** Ends a file and waits until everything is written; stdout is left open. */
  async close(): Promise<void> {
    if (!this.path) return;
    if (this.#failure) throw this.#failure;
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/**
 * Opens `path` for writing: a fresh file when `size` is 0, else the file cut to `size` (what follows
 * it, a record cut short or records written after the last checkpoint, is written again). Resolves
 * once the file is open, so an unwritable path fails before any request is made.
 *
 * @example const sink = await openFile('tickets.ndjson', 0);
 */
export async function openFile(path: string, size: number): Promise<Sink> {
  if (size > 0) await truncate(path, size);
  const stream = createWriteStream(path, { flags: size > 0 ? 'a' : 'w' });
  await once(stream, 'open');
  return new Sink(stream, path, size);
}
