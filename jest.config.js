/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/spec/bench/'],
  // Type checking runs once over the whole tree in `npm run typecheck`; ts-jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  // package.json `imports`, resolved to the sources as Node resolves them to dist/.
  moduleNameMapper: { '^#xhr$': '<rootDir>/lib/transport/xhr-node.ts' },
  testTimeout: 60000,
};
