// What counts as a secret when an answer may echo the request (some proxies echo its headers).

/**
 * The credential values in the request's credential headers, in the forms a server might echo:
 * the header value, a token without its scheme, and Basic's base64 with its decoded user and password.
 *
 * @example secretsOf({ Authorization: 'Bearer t0k3n' })  // ['Bearer t0k3n', 't0k3n']
 */
export function secretsOf(credentials: Readonly<Record<string, string>>): string[] {
  const secrets: string[] = [];
  for (const value of Object.values(credentials)) {
    secrets.push(value);
    const [, scheme, rest] = /^(\w+) (.+)$/.exec(value) ?? [];
    if (!rest) continue;
    secrets.push(rest);
    if (scheme === 'Basic') {
      const decoded = new TextDecoder().decode(Uint8Array.from(atob(rest), (c) => c.charCodeAt(0)));
      const colon = decoded.indexOf(':');
      if (colon > 0) secrets.push(decoded, decoded.slice(0, colon), decoded.slice(colon + 1));
    }
  }
  return secrets;
}
