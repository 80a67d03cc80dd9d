// The failures `assembla-rx` expects: each is shown as its message alone, with its own exit code.

/** A wrong command line: its message is shown with a pointer to --help, and the exit code is 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An expected failure (no credentials in the environment, no such space, a resume that does not fit): exit 1. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

/** The export stopped at the user's request (Ctrl-C) after a whole record: exit 130, as for SIGINT. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
}
