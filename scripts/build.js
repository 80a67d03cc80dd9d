// Builds dist/: the CommonJS build with type declarations (tsc), plus a thin ESM wrapper per entry
// point that re-exports the CommonJS module, so `import` and `require` share one copy of every
// class (and `instanceof AssemblaError` holds either way).
const { execFileSync } = require('node:child_process');
const { rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});

for (const entry of ['index', 'testing/index']) {
  const names = Object.keys(require(join(dist, `${entry}.js`))).filter((n) => n !== 'default' && n !== '__esModule');
  const cjs = `./${entry.split('/').pop()}.js`;
  writeFileSync(
    join(dist, `${entry}.mjs`),
    `// ESM entry: re-exports the CommonJS build so both module systems share one copy.\n` +
      `import cjs from '${cjs}';\n` +
      `export const { ${names.join(', ')} } = cjs;\n` +
      `export default cjs;\n`,
  );
}
