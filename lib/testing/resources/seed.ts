// The seed data's clock: every generated instant is counted from EPOCH, fixed so that the output is
// deterministic (data spans 2023-2024).

export const DAY = 86_400_000;
export const EPOCH = Date.UTC(2023, 0, 2, 8, 0, 0);

/**
 * A moment just after everything the seed data did (2024-08-13T08:00:00Z): a server whose clock
 * (`now`) reads it has seeded events in its 60-day activity window.
 * @example
 * const server = await startServer({ now: () => SEED_NOW });
 */
export const SEED_NOW = EPOCH + 589 * DAY;
