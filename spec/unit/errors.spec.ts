import { inspect } from 'node:util';
import { AssemblaError, AuthError, DecodeError, HttpError, NotFoundError, ParseError, RateLimitError } from '../../lib/errors';

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
    const page = '<!DOCTYPE html>\n<html><head><title>Error 503: Service Unavailable</title></head><body><h1>Down</h1></body></html>';
    const e = new HttpError(503, { method: 'GET', url: 'u' }, page);
    expect(e.message).toBe('GET u failed with HTTP 503: Error 503: Service Unavailable');
    expect(new HttpError(500, { method: 'GET', url: 'u' }, '<p>Oops <b>bad</b></p>').message).toBe('GET u failed with HTTP 500: Oops bad');
  });
});
