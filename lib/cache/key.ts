import type { Params } from '../transport/types';
import { buildUrl } from '../transport/url';

/**
 * The cache key of a GET: its path and parameters, as the request's URL below the base. Parameter
 * names are sorted, so the same request gives the same key however its parameters were spread
 * together; a parameter set to `undefined` is left out, as it is from the request.
 *
 * @example
 * cacheKey('/spaces/x/tickets', { sort_by: 'number', report: 0 }); // '/v1/spaces/x/tickets?report=0&sort_by=number'
 */
export function cacheKey(path: string, params?: Params): string {
  if (!params) return buildUrl('', path);
  const sorted: Record<string, Params[string]> = {};
  for (const name of Object.keys(params).sort()) sorted[name] = params[name];
  return buildUrl('', path, sorted);
}

/**
 * A cache tag: what an entry holds, named so that a write can find every entry it touched. Each
 * space has a cache of its own, so tags name no space: a row's lists carry its `tag` (`tickets`),
 * and an entity's entries `name:field=value` (`ticket:number=201`), as do the lists under it.
 *
 * @example cacheTag('ticket', 'number=201') // 'ticket:number=201'
 */
export function cacheTag(name: string, ...ids: ReadonlyArray<string | number>): string {
  return `${name}:${ids.join('/')}`;
}
