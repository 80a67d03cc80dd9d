import { isLeft } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import { DecodeError } from '../../lib/core/errors';

/** Decodes with the codec, or throws with io-ts's report (so a failing test shows why). */
export function decodeOrThrow<A>(codec: t.Decoder<unknown, A>, json: unknown): A {
  const r = codec.decode(json);
  if (isLeft(r)) throw new Error(PathReporter.report(r).join('\n'));
  return r.right;
}

/** The dotted context paths of the codec's errors (empty when it decodes). */
export function errorPaths(codec: t.Decoder<unknown, unknown>, json: unknown): string[] {
  const r = codec.decode(json);
  return isLeft(r)
    ? r.left.map((e) =>
        e.context
          .map((c) => c.key)
          .filter(Boolean)
          .join('.'),
      )
    : [];
}

/** The DecodeError that `run` throws (fails the test if it throws nothing, or something else). */
export function decodeError(run: () => unknown): DecodeError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DecodeError);
    return e as DecodeError;
  }
  throw new Error('expected a DecodeError');
}
