// typescript-eslint's recommended rules over the code (`npm run lint`). Formatting is Prettier's
// (`prettier --check .`), except the line length, which Prettier cannot enforce on comments, strings
// and test names.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The scripts and configs in JavaScript run under Node: its globals, and CommonJS's in `.js` files.
const nodeGlobals = Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly']));
const commonJsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
};

export default defineConfig(
  { ignores: ['dist/', 'docs/', 'coverage/', '.bench-tmp/', '.scratch/', 'spec/fixtures/', 'examples/browser/dist/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Core max-len: deprecated for @stylistic's, but in ESLint until 11. Long URLs have nowhere to break.
      'max-len': ['error', { code: 120, tabWidth: 2, ignoreUrls: true }],
      // `const { a: _, ...rest } = o` is how the code drops a key from a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: nodeGlobals } },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: commonJsGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
