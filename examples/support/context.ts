// What every example gets: a connected API, the space to look at, and where to print.
import type { API } from '../../lib';

export interface ExampleContext {
  readonly assembla: API;
  /** The space the seed's examples call "Big Project" (ASSEMBLA_SPACE against real Assembla). */
  readonly spaceName: string;
  /** Prints one line of the example's output. */
  readonly print: (line: string) => void;
  /**
   * Whether the example may write: always on the local server; against real Assembla only with
   * ASSEMBLA_ALLOW_WRITES=1 (the writes land in your space).
   */
  readonly writes?: boolean;
}

export type Example = (ctx: ExampleContext) => Promise<void>;

/** Runs a writing example only when the context allows writes; otherwise it says so and writes nothing. */
export function writing(example: Example): Example {
  return (ctx) =>
    ctx.writes
      ? example(ctx)
      : Promise.resolve(
          ctx.print('skipped: it writes, and writes to real Assembla run only with ASSEMBLA_ALLOW_WRITES=1'),
        );
}
