// ts-node runs lib/ from source: resolve package.json `imports` (`#xhr`) to the Node module's source,
// as tsconfig `paths` and jest's moduleNameMapper do (Node itself would resolve them into dist/).
const Module = require('node:module');
const { join } = require('node:path');

const sources = { '#xhr': join(__dirname, '..', 'lib', 'transport', 'xhr-node.ts') };
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, sources[request] ?? request, ...rest);
};
