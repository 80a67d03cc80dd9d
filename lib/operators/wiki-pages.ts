import type { OperatorFunction } from 'rxjs';
import type { WikiPage, WikiVersion } from '../codecs';
import { findOperator, listOperator, scoped } from '../engine/operators';
import { creating, deleting, updating } from '../engine/optimistic';
import type { WriteOptions } from '../engine/write';
import type { Space } from '../engine/entities';
import type { Filter, SingleFilter } from '../engine/filters';
import type { LiveOptions } from '../engine/live-hook';
import {
  NewWikiPage,
  WikiPageAttributes,
  wikiPageWrites,
  wikiPages as row,
  wikiVersions as versionsRow,
} from '../resources/wiki-pages';

/**
 * The wiki pages of each upstream space that match.
 *
 * @example space$.pipe(wikiPages({ parent_id: null }))  // the top-level pages
 */
export function wikiPages(filter?: Filter<WikiPage>, options?: LiveOptions): OperatorFunction<Space, WikiPage[]> {
  return listOperator(row, 'wikiPages', filter, options);
}

/**
 * The one wiki page of each upstream space that matches: by `id` or `page_name` one request (by
 * name, a 404 falls back to the list: the API does not promise the lookup), else from the list.
 *
 * @example space$.pipe(wikiPage({ page_name: 'Home' }))
 */
export function wikiPage(filter: SingleFilter<WikiPage>, options?: LiveOptions): OperatorFunction<Space, WikiPage> {
  return findOperator(row, 'wikiPage', filter, options);
}

/**
 * The versions of each upstream wiki page that match, oldest first.
 *
 * @example space$.pipe(wikiPage({ page_name: 'Home' }), wikiVersions())
 */
export function wikiVersions(
  filter?: Filter<WikiVersion>,
  options?: LiveOptions,
): OperatorFunction<WikiPage, WikiVersion[]> {
  return listOperator(versionsRow, 'wikiVersions', filter, options);
}

/**
 * Creates a wiki page in each upstream space: one POST (`page_name` and `contents` are required),
 * answered with the page as the server made it, which joins the space's cached page list at the
 * end. A lost answer is an `UncertainWriteError` (never sent twice), whose `lookup()` finds the
 * page by its name.
 *
 * @example space$.pipe(createWikiPage({ page_name: 'Setup', contents: '<p>TODO</p>' }))
 */
export function createWikiPage(attributes: NewWikiPage, options?: WriteOptions): OperatorFunction<Space, WikiPage> {
  return scoped({ name: 'createWikiPage', from: ['space'] }, row, (scope) =>
    creating(wikiPageWrites, scope, attributes, 'createWikiPage', options),
  );
}

/**
 * Sets the attributes of each upstream wiki page: a PUT (new `contents` are a new version), then
 * the page read back (two requests), emitted as the server now has it and put in place of its old
 * copy in the space's cached list and lookups; cached version lists are read again.
 *
 * @example space$.pipe(wikiPage({ page_name: 'Setup' }), updateWikiPage({ contents: '<p>Done</p>' }))
 */
export function updateWikiPage(
  attributes: WikiPageAttributes,
  options?: WriteOptions,
): OperatorFunction<WikiPage, WikiPage> {
  return scoped({ name: 'updateWikiPage', from: ['wiki page'] }, row, (scope) =>
    updating(wikiPageWrites, scope, attributes, 'updateWikiPage', options),
  );
}

/** Options of `deleteWikiPage`. */
export interface DeleteWikiPageOptions extends WriteOptions {
  /**
   * What becomes of the pages under it: `'delete'` (the default, `DELETE .../all`, the gem's
   * `delete`) or `'keep'` (`DELETE .../container`, the gem's `delete_parent`; the local server
   * moves them up to the page's parent). The API does not document the difference.
   */
  readonly children?: 'delete' | 'keep';
}

/**
 * Deletes each upstream wiki page (one DELETE) and emits it, as it was. Pages under it may change
 * too, so every cached wiki page of the space (lists and lookups) is read again when next asked for.
 *
 * @example space$.pipe(wikiPage({ page_name: 'Old notes' }), deleteWikiPage())
 */
export function deleteWikiPage(options?: DeleteWikiPageOptions): OperatorFunction<WikiPage, WikiPage> {
  return scoped({ name: 'deleteWikiPage', from: ['wiki page'] }, row, (scope) =>
    deleting(wikiPageWrites, scope, options, { variant: options?.children === 'keep' ? 'container' : undefined }),
  );
}
