import { inspect } from 'node:util';
import { of } from 'rxjs';
import * as sdk from '../../lib';
import {
  AssemblaError,
  AuthError,
  DecodeError,
  HttpError,
  NotFoundError,
  ParseError,
  RateLimitError,
  kindOf,
  redact,
} from '../../lib/core/errors';
import { describeNetworkFailure } from '../../lib/transport/network-failures';

const req = { method: 'GET', url: 'u' };

/** One instance of every exported error class (a new class must be added here: the test checks). */
const MAKE: Record<string, () => Error> = {
  AssemblaError: () => new sdk.AssemblaError('m'),
  ConfigError: () => new sdk.ConfigError('m'),
  FilterError: () => new sdk.FilterError('m'),
  HttpError: () => new sdk.HttpError(500, req, ''),
  AuthError: () => new sdk.AuthError(401, req, ''),
  RateLimitError: () => new sdk.RateLimitError(req, ''),
  NotFoundError: () => new sdk.NotFoundError('m'),
  AmbiguousMatchError: () => new sdk.AmbiguousMatchError('m', 2),
  UnboundEntityError: () => new sdk.UnboundEntityError('m'),
  PagingError: () => new sdk.PagingError('m', 2),
  AbortError: () => new sdk.AbortError('m'),
  ParseError: () => new sdk.ParseError(req, 200, '', 'r'),
  DecodeError: () => new sdk.DecodeError('u', 'p', 'e', 1),
  NetworkError: () => new sdk.NetworkError(req),
  TimeoutError: () => new sdk.TimeoutError(req, 1),
  ValidationError: () => new sdk.ValidationError(req, '{}'),
  AttributeError: () => new sdk.AttributeError('m', 'a'),
  UncertainWriteError: () => new sdk.UncertainWriteError(req, {}, new sdk.NetworkError(req), () => of(null)),
};

describe('errors', () => {
  beforeEach(() => expect.hasAssertions());

  it('name the method, URL and status, and are AssemblaErrors', () => {
    const e = new HttpError(502, { method: 'GET', url: 'https://x/v1/spaces' }, '<html>bad gateway</html>');
    expect(e).toBeInstanceOf(AssemblaError);
    expect(e.name).toBe('HttpError');
    expect(e.message).toContain('GET https://x/v1/spaces');
    expect(e.message).toContain('502');
    expect(e.status).toBe(502);
  });

  it('subclass 401/403 as AuthError and 429 as RateLimitError', () => {
    const req = { method: 'GET', url: 'u' };
    expect(new AuthError(401, req, '')).toBeInstanceOf(HttpError);
    const rl = new RateLimitError(req, '', 3000);
    expect(rl.status).toBe(429);
    expect(rl.retryAfterMs).toBe(3000);
    expect(rl.message).toContain('3 s');
  });

  it('keep a short excerpt of long bodies only', () => {
    const e = new ParseError({ method: 'GET', url: 'u' }, 200, '['.repeat(10000), 'unexpected end');
    expect(e.body.length).toBeLessThan(300);
    expect(e.message).toContain('not valid JSON');
  });

  it('a 404 NotFoundError has status 404; a no-match one has none', () => {
    expect(new NotFoundError('x', { method: 'GET', url: 'u' }).status).toBe(404);
    expect(new NotFoundError('no ticket').status).toBeUndefined();
  });

  it('serialise and print as plain data with the field path', () => {
    const e = new DecodeError('GET u', '[3].created_on', 'a timestamp', 'yesterday');
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ name: 'DecodeError', path: '[3].created_on' });
    expect(inspect(e)).toContain('[3].created_on');
  });

  it('sum up an HTML error page by its title, not its markup', () => {
    const page =
      '<!DOCTYPE html>\n<html><head><title>Error 503: Service Unavailable</title></head>' +
      '<body><h1>Down</h1></body></html>';
    const e = new HttpError(503, { method: 'GET', url: 'u' }, page);
    expect(e.message).toBe('GET u failed with HTTP 503: Error 503: Service Unavailable');
    expect(new HttpError(500, { method: 'GET', url: 'u' }, '<p>Oops <b>bad</b></p>').message).toBe(
      'GET u failed with HTTP 500: Oops bad',
    );
  });

  it('keep their own name when a minifier renames the classes (every exported error class)', () => {
    const exported = Object.entries(sdk).filter(
      ([, v]) => typeof v === 'function' && (v === AssemblaError || v.prototype instanceof AssemblaError),
    );
    expect(exported.map(([name]) => name).sort()).toEqual(Object.keys(MAKE).sort());
    for (const [name, type] of exported) {
      const original = Object.getOwnPropertyDescriptor(type, 'name')!;
      Object.defineProperty(type, 'name', { value: 'Es' }); // what a minified bundle does
      try {
        const e = MAKE[name]();
        expect(e).toBeInstanceOf(type);
        expect([
          e.name,
          String(e).split(':')[0],
          e.stack!.split(':')[0],
          (JSON.parse(JSON.stringify(e)) as Error).name,
        ]).toEqual([name, name, name, name]);
      } finally {
        Object.defineProperty(type, 'name', original);
      }
    }
  });

  it('a user subclass that does not name itself is still named after its class', () => {
    class MyError extends sdk.ConfigError {}
    expect(new MyError('m').name).toBe('MyError');
  });

  it('a DecodeError of a value nested 10,000 deep describes it instead of overflowing the stack', () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const e = new DecodeError('GET u', '[0]', 'a Space', deep);
    expect(e.actual).toBe('an array that cannot be shown (nested too deep, or cyclic)');
  });

  it('NetworkError carries the platform code and says what it means', () => {
    const e = new sdk.NetworkError(req, describeNetworkFailure('ENOTFOUND'), 'ENOTFOUND');
    expect(e.code).toBe('ENOTFOUND');
    expect(e.message).toBe('GET u: network error (unknown host: the name does not resolve, ENOTFOUND)');
    expect(describeNetworkFailure('ECONNREFUSED')).toMatch(/^connection refused/);
    expect(describeNetworkFailure('ECONNRESET')).toMatch(/reset/);
    for (const tls of [
      'EPROTO',
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'CERT_HAS_EXPIRED',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    ]) {
      expect(describeNetworkFailure(tls)).toMatch(/^TLS failure/);
    }
    expect(describeNetworkFailure('EWHATEVER')).toBe('the connection failed');
    expect(new sdk.NetworkError(req).code).toBeUndefined();
  });

  it('kindOf describes a value without showing it', () => {
    expect([
      kindOf('s3cr3t'),
      kindOf(1),
      kindOf(NaN),
      kindOf(Infinity),
      kindOf([]),
      kindOf({}),
      kindOf(null),
      kindOf(undefined),
      kindOf(() => 1),
      kindOf(true),
    ]).toEqual([
      'a string',
      'a number',
      'NaN',
      'an infinite number',
      'an array',
      'an object',
      'null',
      'undefined',
      'a function',
      'a boolean',
    ]);
  });

  it('redact replaces each secret, its JSON- and URL-escaped forms, longest first', () => {
    expect(redact('{"X-Api-Secret":"s3cr3t","q":"a%2Fb","j":"a\\"b"}', ['s3cr3t', 'a/b', 'a"b'])).toBe(
      '{"X-Api-Secret":"[redacted]","q":"[redacted]","j":"[redacted]"}',
    );
    expect(redact('user:pass and user', ['user', 'user:pass'])).toBe('[redacted] and [redacted]');
    expect(redact('nothing here', ['', 'x1'])).toBe('nothing here');
  });

  it('a ValidationError lists the fields of a 422, whether Rails wrapped them in `errors` or not', () => {
    const post = { method: 'POST', url: 'https://x/v1/spaces/s/tickets' };
    const bare = new sdk.ValidationError(post, '{"summary":["can\'t be blank"],"base":["Too late"]}');
    expect(bare).toBeInstanceOf(HttpError);
    expect(bare).toMatchObject({ status: 422, fields: { summary: ["can't be blank"], base: ['Too late'] } });
    expect(bare.message).toBe(
      "POST https://x/v1/spaces/s/tickets was refused (HTTP 422): summary can't be blank; base Too late",
    );
    const wrapped = new sdk.ValidationError(post, '{"errors":{"status":["is invalid"]}}');
    expect(wrapped.fields).toEqual({ status: ['is invalid'] });
    const html = new sdk.ValidationError(post, '<title>Unprocessable</title>');
    expect(html.fields).toEqual({});
    expect(html.body).toBe('<title>Unprocessable</title>');
  });

  it('an UncertainWriteError prints and serialises as data: what was sent and why, never its lookup', () => {
    const post = { method: 'POST', url: 'https://x/v1/spaces/s/tickets' };
    const cause = new sdk.NetworkError(post, 'reset', 'ECONNRESET');
    const e = new sdk.UncertainWriteError(post, { summary: 'Crash' }, cause, () => of(null));
    expect((e as { cause?: unknown }).cause).toBe(cause);
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'UncertainWriteError',
      message: e.message,
      method: 'POST',
      url: post.url,
      attributes: { summary: 'Crash' },
    });
    expect(inspect(e)).not.toMatch(/#lookup|\[Function/);
  });
});
