import { AmbiguousMatchError, NotFoundError } from '../errors';
import type { CompiledFilter } from '../filters';

/** The one item of `list` that matches, or the error that says what was searched for and where. */
export function single<T extends object>(list: readonly T[], filter: CompiledFilter, what: string, where: string): T {
  const found = list.filter((item) => filter.test(item));
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new NotFoundError(`no ${what} matches ${filter.text} in ${where}`);
  throw new AmbiguousMatchError(`${found.length} ${what}s match ${filter.text} in ${where}; add a field to the filter (e.g. id) to pick one`, found.length);
}
