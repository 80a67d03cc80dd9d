import { MonoTypeOperatorFunction, catchError, map, pipe, throwError } from 'rxjs';
import { AmbiguousMatchError, NotFoundError } from '../core/errors';
import type { CompiledFilter } from './filters';

/** The one item of `list` that matches, or the error that says what was searched for and where. */
export function single<T extends object>(list: readonly T[], filter: CompiledFilter, what: string, where: string): T {
  const found = list.filter((item) => filter.test(item));
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new NotFoundError(`no ${what} matches ${filter.text} in ${where}`);
  throw new AmbiguousMatchError(
    `${found.length} ${what}s match ${filter.text} in ${where}; add a field to the filter (e.g. id) to pick one`,
    found.length,
  );
}

/**
 * For a singular query answered by one direct GET (a space by wiki_name, a milestone by id, a
 * ticket by number): the entity must also fit the rest of the filter and the scope, and a 404
 * becomes a NotFoundError that says what was looked for and where (keeping status 404).
 */
export function matchDirect<T extends object>(
  filter: CompiledFilter,
  what: string,
  where: string,
  inScope: (item: T) => boolean = () => true,
): MonoTypeOperatorFunction<T> {
  return pipe(
    catchError((e: unknown) =>
      throwError(() =>
        e instanceof NotFoundError && e.status === 404
          ? new NotFoundError(`no ${what} matches ${filter.text} in ${where} (GET ${e.url} answered 404)`, {
              method: 'GET',
              url: e.url ?? '',
            })
          : e,
      ),
    ),
    map((item: T) => {
      if (!inScope(item) || !filter.test(item))
        throw new NotFoundError(`no ${what} matches ${filter.text} in ${where}`);
      return item;
    }),
  );
}
