// io-ts's `Type` and its result helpers, as io-ts 2.2 writes them (node_modules/io-ts/es6/index.js),
// so that our codecs are io-ts codecs without loading io-ts at run time: its index module builds
// every built-in codec as it loads, none of which a bundler can drop (7 KB of a browser page that
// uses none of them). io-ts stays the source of the types and what users compose our codecs with
// (`t.array(codecs.Ticket)`); spec/codecs/io-type.spec.ts checks that this and io-ts's agree.
import { isLeft, left, right } from 'fp-ts/Either';
import { identity } from 'fp-ts/function';
import type * as t from 'io-ts';

class IoType<A, O, I> {
  readonly _A!: A;
  readonly _O!: O;
  readonly _I!: I;
  constructor(
    readonly name: string,
    readonly is: t.Is<A>,
    readonly validate: t.Validate<I, A>,
    readonly encode: t.Encode<A, O>,
  ) {
    this.decode = this.decode.bind(this);
  }

  pipe<B, OB>(ab: t.Type<B, OB, A>, name = `pipe(${this.name}, ${ab.name})`): IoType<B, O, I> {
    return new IoType<B, O, I>(
      name,
      ab.is,
      (i, c) => {
        const e = this.validate(i, c);
        return isLeft(e) ? e : ab.validate(e.right, c);
      },
      (this.encode as unknown) === identity && (ab.encode as unknown) === identity
        ? (identity as unknown as t.Encode<B, O>)
        : (b) => this.encode(ab.encode(b) as unknown as A),
    );
  }

  asDecoder(): this {
    return this;
  }

  asEncoder(): this {
    return this;
  }

  decode(i: I): t.Validation<A> {
    return this.validate(i, [{ key: '', type: this as unknown as t.Decoder<unknown, unknown>, actual: i }]);
  }
}

/**
 * io-ts's `Type` class (the same constructor, methods and types; not `instanceof` io-ts's own).
 *
 * @example new Type<string>('Str', (u): u is string => typeof u === 'string', (u, c) => ..., (a) => a)
 */
export const Type = IoType as unknown as typeof t.Type;

/** io-ts's `success`: a decoded value. */
export const success = right as <A>(a: A) => t.Validation<A>;

/** io-ts's `failures`: the errors of a failed decode. */
export const failures = left as <A>(errors: t.Errors) => t.Validation<A>;

/** io-ts's `failure`: one error at a context. */
export const failure = <A>(value: unknown, context: t.Context, message?: string): t.Validation<A> =>
  failures([{ value, context, message }]);

/** io-ts's `appendContext`: a context one key deeper. */
export function appendContext(
  c: t.Context,
  key: string,
  decoder: t.Decoder<unknown, unknown>,
  actual?: unknown,
): t.Context {
  return [...c, { key, type: decoder, actual }];
}
