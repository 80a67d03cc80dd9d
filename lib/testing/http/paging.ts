// Assembla's paging (digest §3.1): `page` is 1-based, `per_page` has a per-resource default and,
// here, a cap of 100; a page past the end is an empty answer (204).

export const MAX_PER_PAGE = 100;

export interface Paging {
  page: number;
  perPage: number;
}

/**
 * Reads `page` and `per_page`; missing or invalid values fall back to page 1 and the default.
 * @example
 * paging(new URLSearchParams('page=3&per_page=500'), 10); // { page: 3, perPage: 100 }
 */
export function paging(query: URLSearchParams, defaultPerPage: number): Paging {
  const page = positiveInt(query.get('page')) ?? 1;
  const perPage = Math.min(MAX_PER_PAGE, positiveInt(query.get('per_page')) ?? defaultPerPage);
  return { page, perPage };
}

/**
 * The items of one page (empty past the end).
 * @example
 * pageOf([1, 2, 3], { page: 2, perPage: 2 }); // [3]
 */
export function pageOf<T>(items: readonly T[], { page, perPage }: Paging): T[] {
  return items.slice((page - 1) * perPage, page * perPage);
}

function positiveInt(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text.trim())) return undefined;
  const n = Number(text);
  return n >= 1 ? n : undefined;
}
