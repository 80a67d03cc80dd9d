import type { OperatorFunction } from 'rxjs';
import type { WikiPage, WikiVersion } from '../codecs';
import { findOperator, listOperator } from '../engine/operators';
import type { Space } from '../engine/entities';
import type { Filter, SingleFilter } from '../engine/filters';
import { wikiPages as row, wikiVersions as versionsRow } from '../resources/wiki-pages';

/**
 * The wiki pages of each upstream space that match.
 *
 * @example space$.pipe(wikiPages({ parent_id: null }))  // the top-level pages
 */
export function wikiPages(filter?: Filter<WikiPage>): OperatorFunction<Space, WikiPage[]> {
  return listOperator(row, 'wikiPages', filter);
}

/**
 * The one wiki page of each upstream space that matches: by `id` or `page_name` one request (by
 * name, a 404 falls back to the list: the API does not promise the lookup), else from the list.
 *
 * @example space$.pipe(wikiPage({ page_name: 'Home' }))
 */
export function wikiPage(filter: SingleFilter<WikiPage>): OperatorFunction<Space, WikiPage> {
  return findOperator(row, 'wikiPage', filter);
}

/**
 * The versions of each upstream wiki page that match, oldest first.
 *
 * @example space$.pipe(wikiPage({ page_name: 'Home' }), wikiVersions())
 */
export function wikiVersions(filter?: Filter<WikiVersion>): OperatorFunction<WikiPage, WikiVersion[]> {
  return listOperator(versionsRow, 'wikiVersions', filter);
}
