import { Observable, OperatorFunction, concatMap, defer } from 'rxjs';
import type { Client } from '../client';
import { Kind, Link, linkOf } from '../entities';

/** An entity piped into an operator, with its link to the API and space. */
export interface Scoped {
  readonly link: Link<Client>;
  readonly entity: object;
}

/**
 * Builds a pipeable operator that runs `query` for each upstream entity in turn (`concatMap`), after
 * checking that the entity came from a query and is of a kind the operator takes. Errors, an
 * unlinked input included, arrive through the Observable.
 */
export function scoped<I, O>(
  name: string,
  kinds: readonly Kind[],
  query: (scope: Scoped) => Observable<O>,
): OperatorFunction<I, O> {
  return concatMap((input: I) =>
    defer(() => query({ link: linkOf<Client>(input, name, kinds), entity: input as object })),
  );
}
