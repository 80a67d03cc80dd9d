// Wire formats of Assembla timestamps: whole seconds, with the offset of whoever asked (it varies).

const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
// day number → 'YYYY-MM-DDT'; formatting by hand is much faster than a Date per call
const days = new Map<number, string>();

/**
 * An ISO timestamp in whole seconds at a given UTC offset (in minutes); offset 0 is written `Z`.
 * @example
 * isoSeconds(Date.UTC(2024, 0, 2, 3, 4, 5), 180); // '2024-01-02T06:04:05+03:00'
 */
export function isoSeconds(ms: number, offsetMinutes = 0): string {
  const t = Math.floor(ms / 1000) + offsetMinutes * 60;
  const day = Math.floor(t / 86400);
  let prefix = days.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    days.set(day, prefix);
  }
  const s = t - day * 86400;
  const clock = `${TWO[Math.floor(s / 3600)]}:${TWO[Math.floor(s / 60) % 60]}:${TWO[s % 60]}`;
  return `${prefix}${clock}${offsetSuffix(offsetMinutes)}`;
}

/**
 * A plain `YYYY-MM-DD` date (UTC), as milestone dates are listed.
 * @example
 * isoDate(Date.UTC(2024, 6, 15)); // '2024-07-15'
 */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function offsetSuffix(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${TWO[Math.floor(abs / 60)]}:${TWO[abs % 60]}`;
}
