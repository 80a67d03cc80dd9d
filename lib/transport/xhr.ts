/**
 * What an XMLHttpRequest can tell the transport beyond the standard: why its connection failed and
 * which redirect it refused. Only the Node XHR (`xhr-node.ts`) records these; browsers never do.
 *
 * The markers are registered symbols (`Symbol.for`) so that they match even when a bundler for Node
 * mixes this package's ESM and CommonJS files.
 */
export interface RedirectRefused {
  readonly status: number;
  /** Its `Location` header, for a download to follow by hand (without credentials). */
  readonly location?: string;
}

/** Where the Node XHR records the redirect it refused. */
export const REFUSED: unique symbol = Symbol.for('assembla-rx.xhr.redirectRefused');
/** Where the Node XHR records the platform's code for a failed connection. */
export const FAILURE: unique symbol = Symbol.for('assembla-rx.xhr.networkFailure');

/** An XHR that may carry the markers. */
export type MarkedXHR = XMLHttpRequest & { [REFUSED]?: RedirectRefused; [FAILURE]?: string };

/**
 * The platform's code for why this XHR's connection failed (`ECONNREFUSED`...), when it gave one
 * (xhr2 does; browsers do not).
 */
export function networkFailure(xhr: XMLHttpRequest | undefined): string | undefined {
  return (xhr as MarkedXHR | undefined)?.[FAILURE];
}

/** The redirect this XHR refused to follow, if any. */
export function refusedRedirect(xhr: XMLHttpRequest | undefined): RedirectRefused | undefined {
  return (xhr as MarkedXHR | undefined)?.[REFUSED];
}
