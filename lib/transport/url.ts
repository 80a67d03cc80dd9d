import type { Params } from './types';

/**
 * The full URL of an API path: `buildUrl('https://api.assembla.com', '/spaces', { page: 2 })`
 * → `https://api.assembla.com/v1/spaces?page=2`. Array values repeat the key (`number[]=1&number[]=2`).
 */
export function buildUrl(baseUrl: string, path: string, params?: Params): string {
  let query = '';
  if (params) {
    for (const key of Object.keys(params)) {
      const value = params[key];
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      for (const v of values)
        query += `${query ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`;
    }
  }
  return `${baseUrl}/v1${path}${query}`;
}
