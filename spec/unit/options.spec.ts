import { inspect } from 'node:util';
import { API, ConfigError } from '../../lib';
import { resolveOptions } from '../../lib/options';

const SECRET = 's3cr3t-VALUE';

describe('new API(options)', () => {
  beforeEach(() => expect.hasAssertions());

  it('builds the three auth forms into headers', () => {
    expect(resolveOptions({ auth: { key: 'k', secret: SECRET } }).credentials.headers()).toEqual({ 'X-Api-Key': 'k', 'X-Api-Secret': SECRET });
    expect(resolveOptions({ auth: { token: 'tok' } }).credentials.headers()).toEqual({ Authorization: 'Bearer tok' });
    // Basic is UTF-8 safe: non-ASCII user names and passwords survive.
    const basic = resolveOptions({ auth: ['jürgen', 'pässwörd'] }).credentials.headers().Authorization;
    expect(Buffer.from(basic.replace(/^Basic /, ''), 'base64').toString('utf8')).toBe('jürgen:pässwörd');
  });

  it('defaults to https://api.assembla.com, cache on, concurrency 6, pages of 100', () => {
    const o = resolveOptions({ auth: { token: 't' } });
    expect(o).toMatchObject({ baseUrl: 'https://api.assembla.com', useCache: true, concurrency: 6, perPage: 100 });
  });

  it.each([
    [undefined, /needs an options object/],
    [{}, /auth is missing or malformed/],
    [{ auth: { key: '', secret: SECRET } }, /auth\.key must be a non-empty string/],
    [{ auth: { key: 'k' } }, /auth\.secret must be a non-empty string/],
    [{ auth: { key: 'k', secret: 'bad\nvalue' } }, /auth\.secret contains characters/],
    [{ auth: { token: 't', key: 'k', secret: 's' } }, /not both/],
    [{ auth: ['only-user'] }, /\[user, password\]/],
    [{ auth: { token: 't' }, baseUrl: 'not a url' }, /is not a URL/],
    [{ auth: { token: 't' }, baseUrl: 'ftp://x.org' }, /must use https/],
    [{ auth: { token: 't' }, baseUrl: 'http://api.assembla.com' }, /unencrypted/],
    [{ auth: { token: 't' }, baseUrl: 'https://u:p@api.assembla.com' }, /must not contain credentials/],
    [{ auth: { token: 't' }, concurrency: -1 }, /concurrency must be a whole number of at least 1/],
    [{ auth: { token: 't' }, concurrency: 1.5 }, /concurrency/],
    [{ auth: { token: 't' }, useCache: 'yes' }, /useCache must be true or false/],
    [{ auth: { token: 't' }, retry: { maxAttempts: 0 } }, /retry\.maxAttempts/],
  ])('refuses %j with a ConfigError that says what to change', (options, message) => {
    let error: unknown;
    try {
      new API(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });

  it('never shows a secret in a ConfigError', () => {
    let error: unknown;
    try {
      new API({ auth: { key: 'k', secret: ` ${SECRET}` } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(`${String(error)} ${inspect(error)} ${JSON.stringify(error)}`).not.toContain(SECRET);
  });

  it('allows plain http to loopback, or elsewhere only when asked, and strips /v1', () => {
    expect(resolveOptions({ auth: { token: 't' }, baseUrl: 'http://127.0.0.1:8080/' }).baseUrl).toBe('http://127.0.0.1:8080');
    expect(resolveOptions({ auth: { token: 't' }, baseUrl: 'http://intranet:81/v1', allowInsecureHttp: true }).baseUrl).toBe('http://intranet:81');
  });

  it('keeps credentials out of util.inspect and JSON.stringify of the API', () => {
    const api = new API({ auth: { key: 'k', secret: SECRET } });
    expect(inspect(api, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(api)).not.toContain(SECRET);
  });
});
