// What a query costs: the requests one run sends on a new API (cold), then a second run on the
// same API (warm: what the caches save). Used by the cost specs and the README's table.
import { Observable, lastValueFrom } from 'rxjs';
import type { API } from '../../lib';

/**
 * Runs `query` twice on `api` and counts the requests each run sent.
 *
 * @example const [cold, warm] = await coldAndWarm(api, (a) => a.space({ name: 'Big Project' }));
 */
export async function coldAndWarm(api: API, query: (a: API) => Observable<unknown>): Promise<[number, number]> {
  let sent = 0;
  api.requests$.subscribe((e) => e.type === 'start' && sent++);
  await lastValueFrom(query(api));
  const cold = sent;
  sent = 0;
  await lastValueFrom(query(api));
  return [cold, sent];
}
