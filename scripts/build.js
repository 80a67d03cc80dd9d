// Builds dist/ (see package.json `exports`):
// - dist/*.js: the CommonJS build with type declarations (tsc), what Node runs;
// - dist/index.mjs, dist/testing/index.mjs: thin ESM wrappers that re-export the CommonJS build, so
//   Node's `import` and `require` share one copy of every class (`instanceof AssemblaError` holds
//   either way);
// - dist/esm/*.mjs: a real ES module build of the SDK (not the test server) for bundlers, through the
//   `module` condition, so they can shake out what a page does not import.
const { execFileSync } = require('node:child_process');
const { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const tsc = (project) =>
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, project)], {
    stdio: 'inherit',
  });

rmSync(dist, { recursive: true, force: true });
tsc('tsconfig.build.json');
tsc('tsconfig.build.esm.json');
toMjs(join(dist, 'esm'));
// The bins run from a checkout too (`./dist/bin/assembla-rx.js`); npm makes them executable only on install.
for (const file of Object.values(require(join(root, 'package.json')).bin)) chmodSync(join(root, file), 0o755);

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
  // Its types: the CommonJS declarations themselves, so there is one copy of every class type too.
  writeFileSync(
    join(dist, `${entry}.d.mts`),
    `export * from '${cjs}';\n` + `import * as cjs from '${cjs}';\n` + `export default cjs;\n`,
  );
}

/**
 * Renames tsc's ES module output to .mjs (so no nested package.json is needed) and adds the
 * extensions to relative imports.
 */
function toMjs(dir) {
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const path = join(dir, file);
    const code = readFileSync(path, 'utf8')
      .replace(/(from |import )(['"])(\.\.?\/[^'"]*)\2/g, (_, keyword, quote, spec) => {
        const target = join(dirname(path), spec);
        if (existsSync(`${target}.js`)) return `${keyword}${quote}${spec}.mjs${quote}`;
        if (existsSync(join(target, 'index.js'))) return `${keyword}${quote}${spec}/index.mjs${quote}`;
        throw new Error(`${relative(root, path)}: cannot resolve ${spec}`);
      })
      .replace(/(\/\/# sourceMappingURL=.*)\.js\.map$/m, '$1.mjs.map');
    const map = JSON.parse(readFileSync(`${path}.map`, 'utf8'));
    map.file = map.file.replace(/\.js$/, '.mjs');
    writeFileSync(path.replace(/\.js$/, '.mjs'), code);
    writeFileSync(path.replace(/\.js$/, '.mjs.map'), JSON.stringify(map));
  }
  for (const file of files) {
    rmSync(join(dir, file));
    rmSync(join(dir, `${file}.map`));
  }
}
