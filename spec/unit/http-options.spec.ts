// The download timeout is an option like `timeout`: checked the same way, with its own default.
import { API, ConfigError } from '../../lib';
import { resolveOptions } from '../../lib/options';

describe('downloadTimeout', () => {
  beforeEach(() => expect.hasAssertions());

  it('defaults to five minutes, apart from the 30 s of `timeout`', () => {
    expect(resolveOptions({ auth: { token: 't' } })).toMatchObject({ timeoutMs: 30_000, downloadTimeoutMs: 300_000 });
    expect(resolveOptions({ auth: { token: 't' }, downloadTimeout: 0 }).downloadTimeoutMs).toBe(0);
  });

  it.each([
    [{ downloadTimeout: 3e9 }, /downloadTimeout must be a whole number from 0 to 2147483647 ms .*got a number above/],
    [{ downloadTimeout: 's3cr3t' }, /downloadTimeout must be a whole number .*\(got a string\)/],
    [{ downloadTimout: 1000 }, /unknown option "downloadTimout": did you mean "downloadTimeout"\?/],
  ])('refuses %j with a ConfigError', (extra, message) => {
    expect(() => new API({ auth: { token: 't' }, ...(extra as object) })).toThrow(ConfigError);
    expect(() => new API({ auth: { token: 't' }, ...(extra as object) })).toThrow(message);
  });
});
