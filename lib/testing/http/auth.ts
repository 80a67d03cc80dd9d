import type { IncomingHttpHeaders } from 'node:http';
import type { Credentials } from './credentials';

/**
 * Checks a request's credentials: undefined when accepted, else why not (for the 401's
 * `error_description`).
 * @example
 * authenticate({ authorization: 'Bearer local-token' }, DEFAULT_CREDENTIALS); // undefined
 */
export function authenticate(headers: IncomingHttpHeaders, credentials: Credentials): string | undefined {
  const key = header(headers, 'x-api-key');
  const secret = header(headers, 'x-api-secret');
  const authorization = header(headers, 'authorization');
  if (key === undefined && secret === undefined && authorization === undefined) {
    return 'No credentials: send X-Api-Key and X-Api-Secret, a Bearer token, or Basic auth';
  }
  if (key !== undefined || secret !== undefined) {
    const ok = credentials.key !== undefined && key === credentials.key && secret === credentials.secret;
    return ok ? undefined : 'Invalid API key or secret';
  }
  const [scheme, value = ''] = (authorization ?? '').trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return credentials.token !== undefined && value === credentials.token
        ? undefined
        : 'Invalid or expired access token';
    case 'basic': {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const [user, password] = credentials.basic ?? [];
      const ok =
        colon >= 0 && user !== undefined && decoded.slice(0, colon) === user && decoded.slice(colon + 1) === password;
      return ok ? undefined : 'Invalid login or password';
    }
    default:
      return `Unsupported authorization scheme "${scheme}"`;
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
