// What a platform's error code for a failed connection means. Node only (xhr-node.ts records it):
// a browser's XHR gives no code, so a page never carries this table.

const NETWORK_FAILURES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused: nothing listens at that host and port',
  ENOTFOUND: 'unknown host: the name does not resolve',
  EAI_AGAIN: 'unknown host: the name could not be resolved now (DNS failure)',
  ECONNRESET: 'the connection was reset by the other end',
  EPIPE: 'the connection was closed by the other end while sending',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

/**
 * What a platform error code means, in a few words.
 *
 * @example
 * describeNetworkFailure('ECONNREFUSED')  // 'connection refused: nothing listens at that host and port'
 */
export function describeNetworkFailure(code: string): string {
  if (Object.prototype.hasOwnProperty.call(NETWORK_FAILURES, code)) return NETWORK_FAILURES[code];
  if (/^(EPROTO$|ERR_SSL_|ERR_TLS_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/.test(code)) {
    return (
      'TLS failure: the secure connection could not be set up' +
      ' (not an https server, or its certificate was refused)'
    );
  }
  return 'the connection failed';
}
