/**
 * `Retry-After` in ms: either delay-seconds (`"3"`) or an HTTP date. Undefined when absent or unreadable.
 *
 * @example parseRetryAfter('2', Date.now()) === 2000
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header == null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
