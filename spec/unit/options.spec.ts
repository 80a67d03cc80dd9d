import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { inspect } from 'node:util';
import { API, ConfigError } from '../../lib';
import { resolveOptions } from '../../lib/options';

const SECRET = 's3cr3t-VALUE';

describe('new API(options)', () => {
  beforeEach(() => expect.hasAssertions());

  it('builds the three auth forms into headers', () => {
    expect(resolveOptions({ auth: { key: 'k', secret: SECRET } }).credentials.headers()).toEqual({
      'X-Api-Key': 'k',
      'X-Api-Secret': SECRET,
    });
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
    // Durations a timer cannot hold (2^31-1 ms) would fire at once: refused, every one of them.
    [
      { auth: { token: 't' }, timeout: 3e9 },
      /timeout must be a whole number from 0 to 2147483647 ms .*got a number above/,
    ],
    [{ auth: { token: 't' }, retry: { maxRetryAfterMs: 3e9 } }, /retry\.maxRetryAfterMs must be .* 2147483647/],
    [{ auth: { token: 't' }, retry: { maxDelayMs: 2 ** 31 } }, /retry\.maxDelayMs/],
    [{ auth: { token: 't' }, retry: { baseDelayMs: Infinity } }, /retry\.baseDelayMs .*got an infinite number/],
    // Assembla serves at most 100 per page: more would end a list early, silently.
    [
      { auth: { token: 't' }, perPage: 500 },
      /perPage must be a whole number from 1 to 100 \(Assembla serves at most 100/,
    ],
    [{ auth: { token: 't' }, perPage: 101 }, /perPage/],
    // Function options are checked now, not at first use.
    [
      { auth: { token: 't' }, scheduler: {} },
      /scheduler must be a SchedulerLike \(with now\(\) and schedule\(\)\).*got an object/,
    ],
    [{ auth: { token: 't' }, scheduler: { now: () => 0 } }, /scheduler must be a SchedulerLike/],
    [{ auth: { token: 't' }, http: 'fetch' }, /http must be a function .*got a string/],
    [{ auth: { token: 't' }, createXHR: {} }, /createXHR must be a function/],
    [{ auth: { token: 't' }, retry: { random: 0.5 } }, /retry\.random must be a function .*got a number/],
    [{ auth: { token: 't' }, retry: 3 }, /retry must be false or an object/],
    [{ auth: { token: 't' }, allowInsecureHttp: 'yes' }, /allowInsecureHttp must be true or false \(got a string\)/],
    // Unknown keys name the closest valid one, at the top level, in retry and in auth.
    [{ auth: { token: 't' }, concurency: 4 }, /unknown option "concurency": did you mean "concurrency"\?/],
    [{ auth: { token: 't' }, timout: 4 }, /did you mean "timeout"\?/],
    [{ auth: { token: 't' }, perpage: 50 }, /did you mean "perPage"\?/],
    [
      { auth: { token: 't' }, retry: { maxAtempts: 2 } },
      /unknown retry option "retry\.maxAtempts": did you mean "retry\.maxAttempts"\?/,
    ],
    [{ auth: { key: 'k', secrte: 's' } }, /unknown auth key "auth\.secrte": did you mean "auth\.secret"\?/],
    [{ auth: { token: 't' }, somethingElse: 1 }, /unknown option \(not shown.*\); the valid ones are auth, baseUrl/],
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

  it('describes a wrong value by its kind, never by echoing it (a secret in the wrong option)', () => {
    const messages = [
      { concurrency: SECRET },
      { timeout: SECRET },
      { perPage: SECRET },
      { useCache: SECRET },
      { baseUrl: SECRET },
      { retry: { maxDelayMs: SECRET } },
      { [SECRET]: 1 },
      { retry: { [SECRET]: 1 } },
      { auth: { key: 'k', secret: 's', [SECRET]: 1 } },
    ].map((extra) => {
      try {
        new API({ auth: { token: 't' }, ...extra } as never);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return `${String(e)} ${inspect(e)} ${JSON.stringify(e)}`;
      }
      throw new Error(`accepted ${Object.keys(extra).join()}`);
    });
    expect(messages.join('\n')).not.toContain(SECRET);
    expect(messages[0]).toContain('(got a string)');
  });

  it('refuses a baseUrl that does not parse without echoing any of it (user info may hide anywhere)', () => {
    for (const baseUrl of [
      `https://user:${SECRET}/x@host:bad`,
      `https://user:${SECRET}@host:bad`,
      `https://u:${SECRET}@/`,
      `api.assembla.com?key=${SECRET}`,
    ]) {
      let error: unknown;
      try {
        new API({ auth: { token: 't' }, baseUrl });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/baseUrl is not a URL \(.*; not shown, as it may hold credentials\)/);
      expect(`${String(error)} ${inspect(error)}`).not.toContain(SECRET);
    }
  });

  it('accepts the largest values: perPage 100 and durations of 2^31-1 ms', () => {
    const o = resolveOptions({
      auth: { token: 't' },
      perPage: 100,
      timeout: 2 ** 31 - 1,
      retry: { maxRetryAfterMs: 2 ** 31 - 1, maxDelayMs: 2 ** 31 - 1, random: () => 0.5 },
    });
    expect(o).toMatchObject({ perPage: 100, timeoutMs: 2 ** 31 - 1 });
  });

  it('allows plain http to loopback, or elsewhere only when asked, and strips /v1', () => {
    expect(resolveOptions({ auth: { token: 't' }, baseUrl: 'http://127.0.0.1:8080/' }).baseUrl).toBe(
      'http://127.0.0.1:8080',
    );
    expect(
      resolveOptions({ auth: { token: 't' }, baseUrl: 'http://intranet:81/v1', allowInsecureHttp: true }).baseUrl,
    ).toBe('http://intranet:81');
  });

  it('keeps credentials out of util.inspect and JSON.stringify of the API', () => {
    const api = new API({ auth: { key: 'k', secret: SECRET } });
    expect(inspect(api, { depth: 10, showHidden: true })).not.toContain(SECRET);
    expect(JSON.stringify(api)).not.toContain(SECRET);
  });

  it('takes an agent and extra headers, checked', () => {
    const agent = new HttpsAgent();
    const o = resolveOptions({ auth: { token: 't' }, agent, headers: { 'User-Agent': 'my-app/1.2' } });
    expect(o.agent).toBe(agent);
    expect(o.headers).toEqual({ 'User-Agent': 'my-app/1.2' });
    expect(resolveOptions({ auth: { token: 't' } }).headers).toEqual({});
    expect(() => resolveOptions({ auth: { token: 't' }, header: {} } as never)).toThrow(/did you mean "headers"/);
  });

  it.each([
    [{ agent: {} }, /agent must be an http\.Agent or https\.Agent \(got an object\)/],
    [{ agent: 'proxy:8080' }, /agent must be an http\.Agent or https\.Agent \(got a string\)/],
    [{ agent: new HttpAgent() }, /agent is for http: but baseUrl uses https:: give an https\.Agent/],
    [{ headers: [['User-Agent', 'x']] }, /headers must be an object/],
    [{ headers: { 'X-Api-Key': SECRET } }, /headers must not set X-Api-Key/],
    [{ headers: { authorization: SECRET } }, /headers must not set authorization/],
    [{ headers: { Cookie: SECRET } }, /headers cannot set Cookie: XMLHttpRequest never sends it/],
    [{ headers: { 'Proxy-Authorization': SECRET } }, /headers cannot set Proxy-Authorization/],
    [{ headers: { 'X-Team': `a\r\nX-Evil: ${SECRET}` } }, /headers\["X-Team"\] must be a string without line breaks/],
    [{ headers: { 'X-Retries': 3 } }, /headers\["X-Retries"\] must be a string/],
    [{ headers: { [`bad name ${SECRET}`]: 'x' } }, /not a valid HTTP header name \(not shown\)/],
  ])('refuses the transport option %p, showing no value', (extra, message) => {
    try {
      resolveOptions({ auth: { token: 't' }, ...(extra as object) });
      throw new Error('no ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(SECRET);
    }
  });
});
