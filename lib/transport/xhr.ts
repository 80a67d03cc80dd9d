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
/** Where the Node XHR records why a connection failed: the platform's code, and what it means. */
export const FAILURE: unique symbol = Symbol.for('assembla-rx.xhr.networkFailure');

/** An XHR that may carry the markers. */
export type MarkedXHR = XMLHttpRequest & { [REFUSED]?: RedirectRefused; [FAILURE]?: NetworkFailure };

/** Why a connection failed, as the platform said it. */
export interface NetworkFailure {
  /** `ECONNREFUSED`, `ENOTFOUND`... */
  readonly code: string;
  /** What it means, in a few words (network-failures.ts). */
  readonly detail: string;
}

/**
 * Why this XHR's connection failed (`ECONNREFUSED`...), when the platform said (xhr2 does; browsers
 * do not).
 */
export function networkFailure(xhr: XMLHttpRequest | undefined): NetworkFailure | undefined {
  return (xhr as MarkedXHR | undefined)?.[FAILURE];
}

/** The redirect this XHR refused to follow, if any. */
export function refusedRedirect(xhr: XMLHttpRequest | undefined): RedirectRefused | undefined {
  return (xhr as MarkedXHR | undefined)?.[REFUSED];
}
