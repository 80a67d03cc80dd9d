// CSV cells and rows as RFC 4180 has them: a cell with a comma, a quote or a line break is quoted,
// its quotes doubled; rows end in CRLF.

/** The text of one value: dates as ISO strings, objects and arrays as JSON, null and undefined empty. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * One CSV row, line end included.
 * @example csvRow(['a,b', 'say "hi"', 3])  // '"a,b","say ""hi""",3\r\n'
 */
export function csvRow(values: readonly unknown[]): string {
  return (
    values
      .map(text)
      .map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
      .join(',') + '\r\n'
  );
}
