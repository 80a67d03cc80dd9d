/**
 * The XMLHttpRequest the SDK sends with under Node (`#xhr` in package.json `imports`, condition
 * `node`): the global one where there is one, else `xhr2`. Browsers get `xhr-browser.ts`, so their
 * bundles never see `xhr2` or `node:http`.
 *
 * xhr2 follows redirects by itself and re-sends every header, credentials included, to wherever the
 * `Location` points. Assembla's API does not redirect, so a redirect is refused instead: the call
 * fails with a `RedirectRefused` marker (status and Location) that the transport turns into an
 * `HttpError`, or, for a download, follows itself without the credentials (http.ts).
 */
import { describeNetworkFailure } from './network-failures';
import { FAILURE, MarkedXHR, REFUSED } from './xhr';

type NodeResponse = { statusCode: number; headers: { location?: string }; resume(): void };

type NodeXHR = MarkedXHR & {
  _request: unknown;
  _onHttpResponse(request: unknown, response: NodeResponse): void;
  _onHttpRequestError(request: unknown, error: Error): void;
};

let NodeXHRClass: (new () => XMLHttpRequest) | undefined;

function nodeXHRClass(): new () => XMLHttpRequest {
  if (!NodeXHRClass) {
    // Loaded at first use: importing the SDK costs nothing until a request is sent.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const XHR2 = require('xhr2') as new () => NodeXHR;
    class NoRedirectXHR extends XHR2 {
      override _onHttpResponse(request: unknown, response: NodeResponse): void {
        const status = response.statusCode;
        if (status >= 300 && status < 400 && status !== 304) {
          this[REFUSED] = { status, location: response.headers.location };
          response.resume();
          this._onHttpRequestError(request, new Error(`redirect ${status} refused`));
          return;
        }
        super._onHttpResponse(request, response);
      }

      // xhr2 drops the Node error; keep its code only (`ECONNREFUSED`...), never its message or object.
      override _onHttpRequestError(request: unknown, error: Error): void {
        const code = (error as { code?: unknown }).code;
        if (request === this._request && typeof code === 'string')
          this[FAILURE] = { code, detail: describeNetworkFailure(code) };
        super._onHttpRequestError(request, error);
      }
    }
    NodeXHRClass = NoRedirectXHR;
  }
  return NodeXHRClass;
}

/**
 * A new XMLHttpRequest for one attempt: always xhr2 under Node, even where a global one exists
 * (jsdom, a polyfill), which would neither refuse redirects nor take the `agent` option.
 */
export function createXHR(): XMLHttpRequest {
  return new (nodeXHRClass())();
}
