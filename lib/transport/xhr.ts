/**
 * The XMLHttpRequest the SDK sends with: the browser's own where there is one, `xhr2` under Node.
 *
 * xhr2 follows redirects by itself and re-sends every header, credentials included, to wherever the
 * `Location` points. Assembla's API does not redirect, so a redirect is refused instead: the call
 * fails with a `RedirectRefused` marker that the transport turns into an `HttpError`.
 */
export interface RedirectRefused {
  readonly status: number;
}

const REFUSED = Symbol('redirect refused');
const FAILURE = Symbol('network failure');

type NodeXHR = XMLHttpRequest & {
  [REFUSED]?: RedirectRefused;
  [FAILURE]?: string;
  _request: unknown;
  _onHttpResponse(request: unknown, response: { statusCode: number; resume(): void }): void;
  _onHttpRequestError(request: unknown, error: Error): void;
};

let NodeXHRClass: (new () => XMLHttpRequest) | undefined;

function nodeXHRClass(): new () => XMLHttpRequest {
  if (!NodeXHRClass) {
    // Loaded lazily so that browser bundles, which have XMLHttpRequest, never pull in node:http.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const XHR2 = require('xhr2') as new () => NodeXHR;
    class NoRedirectXHR extends XHR2 {
      override _onHttpResponse(request: unknown, response: { statusCode: number; resume(): void }): void {
        const status = response.statusCode;
        if (status >= 300 && status < 400 && status !== 304) {
          this[REFUSED] = { status };
          response.resume();
          this._onHttpRequestError(request, new Error(`redirect ${status} refused`));
          return;
        }
        super._onHttpResponse(request, response);
      }

      // xhr2 drops the Node error; keep its code only (`ECONNREFUSED`...), never its message or object.
      override _onHttpRequestError(request: unknown, error: Error): void {
        const code = (error as { code?: unknown }).code;
        if (request === this._request && typeof code === 'string') this[FAILURE] = code;
        super._onHttpRequestError(request, error);
      }
    }
    NodeXHRClass = NoRedirectXHR;
  }
  return NodeXHRClass;
}

/** A new XMLHttpRequest for one attempt. */
export function createXHR(): XMLHttpRequest {
  if (typeof XMLHttpRequest !== 'undefined') return new XMLHttpRequest();
  return new (nodeXHRClass())();
}

/** The platform's code for why this XHR's connection failed (`ECONNREFUSED`...), when it gave one (xhr2 does; browsers do not). */
export function networkFailure(xhr: XMLHttpRequest | undefined): string | undefined {
  return (xhr as NodeXHR | undefined)?.[FAILURE];
}

/** The redirect this XHR refused to follow, if any. */
export function refusedRedirect(xhr: XMLHttpRequest | undefined): RedirectRefused | undefined {
  return (xhr as NodeXHR | undefined)?.[REFUSED];
}
