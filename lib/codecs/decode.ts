// Decode helpers for the API layer: the value, or a `DecodeError` naming the URL and the field path.
import type * as t from 'io-ts';
import { DecodeError } from '../core/errors';
import { EntityCodec } from './entity';
import { FieldType, INVALID } from './primitives';

/**
 * The path of an io-ts context as a string: `created_on`, `im.type`, `[3].created_on`,
 * `custom_fields["Build no"]`; `''` for the root.
 *
 * @example
 * pathOf(error.context)  // '[3].created_on'
 */
export function pathOf(context: t.Context): string {
  let path = '';
  for (let i = 1; i < context.length; i++) {
    const key = context[i].key;
    if (Array.isArray(context[i - 1].actual)) path += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) path += path ? `.${key}` : key;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}

/**
 * The `DecodeError` for an io-ts validation error.
 *
 * @example
 * toDecodeError('GET https://api.assembla.com/v1/spaces', errors[0])
 */
export function toDecodeError(url: string, error: t.ValidationError, secrets?: readonly string[]): DecodeError {
  const type = error.context[error.context.length - 1]?.type as Partial<FieldType<unknown>> | undefined;
  const expected = type?.description ?? type?.name ?? 'a valid value';
  return new DecodeError(url, pathOf(error.context), expected, error.value, secrets);
}

function hasParse<A>(codec: EntityCodec<A>): codec is EntityCodec<A> & Pick<FieldType<A>, 'parse'> {
  return typeof (codec as Partial<FieldType<A>>).parse === 'function';
}

/**
 * Decodes one entity, or throws a `DecodeError` for the first failure (`secrets`: credential
 * values that the value shown in it must not quote).
 *
 * @example
 * const ticket = decodeEntity(codecs.Ticket, JSON.parse(body), 'GET https://api.assembla.com/v1/spaces/x/tickets/1');
 */
export function decodeEntity<A>(
  codec: EntityCodec<A>,
  json: unknown,
  url: string,
  secrets?: () => readonly string[],
): A {
  if (hasParse(codec)) {
    const a = codec.parse(json);
    if (a !== INVALID) return a;
  }
  const r = codec.decode(json);
  if (r._tag === 'Left') throw toDecodeError(url, r.left[0], secrets?.());
  return r.right;
}

/**
 * Decodes a JSON array of entities, or throws a `DecodeError` for the first failure (path such as
 * `[3].created_on`; a non-array fails at the root).
 *
 * @example
 * const tickets = decodeList(codecs.Ticket, JSON.parse(body), 'GET https://api.assembla.com/v1/spaces/x/tickets');
 */
export function decodeList<A>(
  codec: EntityCodec<A>,
  json: unknown,
  url: string,
  secrets?: () => readonly string[],
): A[] {
  if (!Array.isArray(json)) throw new DecodeError(url, '', `an array of ${codec.name}`, json, secrets?.());
  const out: A[] = [];
  const parse = hasParse(codec) ? codec.parse : undefined;
  for (let i = 0; i < json.length; i++) {
    const item: unknown = json[i];
    const a = parse === undefined ? INVALID : parse(item);
    if (a !== INVALID) {
      out.push(a);
      continue;
    }
    // Slow path: the context for the error path, and the codec's own judgement.
    const list = { key: '', type: codec, actual: json };
    const r = codec.validate(item, [list, { key: String(i), type: codec, actual: item }]);
    if (r._tag === 'Left') throw toDecodeError(url, r.left[0], secrets?.());
    out.push(r.right);
  }
  return out;
}
