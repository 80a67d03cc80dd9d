// What every example gets: a connected API, the space to look at, and where to print.
import type { API } from '../../lib';

export interface ExampleContext {
  readonly assembla: API;
  /** The space the seed's examples call "Big Project" (ASSEMBLA_SPACE against real Assembla). */
  readonly spaceName: string;
  /** Prints one line of the example's output. */
  readonly print: (line: string) => void;
}

export type Example = (ctx: ExampleContext) => Promise<void>;
