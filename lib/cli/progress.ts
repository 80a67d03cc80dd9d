// Progress of an export on stderr: a bar redrawn in place on a terminal, plain lines otherwise (a
// log file or a CI job keeps one line per tenth of the way, not thousands of redraws).
import type { Writable } from 'node:stream';

/** stderr as a progress display needs it: a terminal has `isTTY` and `columns`. */
export type ProgressStream = Writable & { readonly isTTY?: boolean; readonly columns?: number };

/** What an export tells its progress display. */
export interface Progress {
  /** The space's list has at most this many tickets (its last-ticket probe answered). */
  bound(atMost: number): void;
  /** `done` tickets are written in all (those of an earlier run included). */
  update(done: number): void;
  /** The export is over: the bar's line is finished, so the summary starts on its own line. */
  end(): void;
}

const BAR = 24;
const REDRAW_MS = 100;
// Without a bound (no probe answer), a plain line every so many tickets.
const UNBOUNDED_STEP = 1000;

function seconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  return s < 90 ? `${Math.ceil(s)} s` : `${Math.ceil(s / 60)} min`;
}

/**
 * The progress display for `stream`: a bar if it is a terminal, plain lines if not.
 * @example const progress = progressOn(process.stderr, 0); progress.bound(2000); progress.update(1);
 */
export function progressOn(stream: ProgressStream, already: number, now: () => number = Date.now): Progress {
  const started = now();
  let atMost: number | undefined;
  let done = already;
  let drawn = -Infinity;
  let lineShown = false;
  let printed = already;

  const figures = (): { rate: number; left: string } => {
    const elapsed = (now() - started) / 1000;
    const rate = (done - already) / Math.max(elapsed, 0.001);
    // In its first second the rate says little about the time left.
    const left = atMost === undefined || elapsed < 1 ? '' : `, ~${seconds(Math.max(atMost - done, 0) / rate)} left`;
    return { rate, left };
  };
  const of = (): string => (atMost === undefined ? `${done}` : `${done}/${Math.max(atMost, done)}`);

  const draw = (): void => {
    drawn = now();
    const { rate, left } = figures();
    const share = atMost ? Math.min(done / atMost, 1) : 0;
    const filled = Math.round(share * BAR);
    const bar = atMost ? `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ` : '';
    const text = `${bar}${of()} tickets, ${rate.toFixed(0)}/s${left}`;
    // \r back to the line's start, \x1b[K clears what a longer earlier text left behind.
    // A pty without a size (`script` in CI) says 0 columns: taken as 80, not as a width to cut to.
    stream.write(`\r${text.slice(0, (stream.columns || 80) - 1)}\x1b[K`);
    lineShown = true;
  };
  const line = (): void => {
    const { rate, left } = figures();
    const total = atMost === undefined ? '' : ` of at most ${atMost}`;
    stream.write(`assembla-rx: ${done}${total} tickets, ${rate.toFixed(0)}/s${left}\n`);
    printed = done;
  };
  const step = (): number => (atMost === undefined ? UNBOUNDED_STEP : Math.max(Math.ceil(atMost / 10), 1));
  // The next count that gets a plain line: the next multiple of the step.
  const after = (n: number): number => (Math.floor(n / step()) + 1) * step();
  let nextLine = after(already);

  return stream.isTTY
    ? {
        bound: (n) => void (atMost = n),
        update: (n) => {
          done = n;
          if (now() - drawn >= REDRAW_MS) draw();
        },
        end: () => {
          draw();
          if (lineShown) stream.write('\n');
        },
      }
    : {
        bound: (n) => {
          atMost = n;
          // A bound that comes after the first tenth was written: its line now, not never.
          if (after(printed) <= done) line();
          nextLine = after(done);
        },
        update: (n) => {
          done = n;
          if (done < nextLine) return;
          line();
          nextLine = after(done);
        },
        end: () => undefined,
      };
}
