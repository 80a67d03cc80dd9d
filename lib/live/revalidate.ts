// Conditional re-reads (STUB: the ETag stage and the real revalidation replace the body).
import { Observable, of } from 'rxjs';
import type { ReadOptions } from '../engine/read';
import type { Scope } from '../engine/scope';
import type { AnyRow } from '../resources/row';

/**
 * The conditional re-read of `row`'s whole list in `scope` (as `options` ask for it), for a live
 * query of a kind the change log does not report: each call sends the list's requests with
 * `If-None-Match` and the ETag of what the cache holds; a 304 costs no decoding, a 200 whose
 * decoded items differ from the cached ones replaces the cached list (and emits `true`).
 *
 * @example revalidator(tagsRow, scope)().subscribe((changed) => changed && console.log('tags changed'))
 */
export function revalidator(row: AnyRow, scope: Scope, options?: ReadOptions): () => Observable<boolean> {
  void row;
  void scope;
  void options;
  return () => of(false);
}
