import { Observable, SchedulerLike, timer } from 'rxjs';

/** The longest delay a timer can hold (2^31−1 ms, about 24.8 days): `setTimeout` fires a longer one after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A delay a timer can hold: NaN or negative → 0, beyond `MAX_TIMER_MS` → `MAX_TIMER_MS`.
 * Every wait of the transport passes here, so none can turn into a 1 ms spin.
 *
 * @example timerMs(3e9) === 2 ** 31 - 1
 */
export function timerMs(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_TIMER_MS) : 0;
}

/**
 * `timer(ms, scheduler)` with the delay clamped by `timerMs`.
 *
 * @example clampedTimer(300, asyncScheduler).subscribe(() => retry())
 */
export function clampedTimer(ms: number, scheduler: SchedulerLike): Observable<0> {
  return timer(timerMs(ms), scheduler);
}
