/**
 * The XMLHttpRequest the SDK sends with in a browser (`#xhr` in package.json `imports`, every
 * condition but `node`): the page's own. Node gets `xhr-node.ts`.
 */

/** A new XMLHttpRequest for one attempt. */
export function createXHR(): XMLHttpRequest {
  return new XMLHttpRequest();
}
