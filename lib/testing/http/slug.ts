// URL slugs, as in Assembla's `Location` headers and wiki names.

/**
 * A URL slug: lower case, runs of other characters as one dash.
 * @example
 * slug('Big Project'); // 'big-project'
 */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
