/**
 * What the local server accepts. Each form is optional: leave one out to refuse it.
 * - `key` + `secret`: `X-Api-Key` / `X-Api-Secret` headers
 * - `token`: `Authorization: Bearer <token>`
 * - `basic`: `Authorization: Basic base64(user:password)`
 */
export interface Credentials {
  readonly key?: string;
  readonly secret?: string;
  readonly token?: string;
  readonly basic?: readonly [user: string, password: string];
}

/**
 * The credentials a server accepts unless told otherwise.
 * @example
 * new API({ auth: { key: DEFAULT_CREDENTIALS.key, secret: DEFAULT_CREDENTIALS.secret }, baseUrl: server.url });
 */
export const DEFAULT_CREDENTIALS = {
  key: 'local-key',
  secret: 'local-secret',
  token: 'local-token',
  basic: ['john', 'local-password'],
} as const satisfies Credentials;
