#!/usr/bin/env node
// `npm run build:browser [-- <outdir>]`: bundles the browser dashboard (examples/browser/) from the
// sources with esbuild into one script beside a copy of its page, by default in examples/browser/dist/
// (git-ignored). `#xhr` (package.json `imports`) resolves to the browser's XMLHttpRequest, as it does
// for a bundler reading the published package.
const { copyFileSync, mkdirSync } = require('node:fs');
const { join, resolve } = require('node:path');
const esbuild = require('esbuild');

const page = join(__dirname, '..', 'examples', 'browser');
const xhrBrowser = join(__dirname, '..', 'lib', 'transport', 'xhr-browser.ts');

/** Builds the page into `outdir`: index.html, main.js and its source map. */
async function buildBrowser(outdir = join(page, 'dist')) {
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(page, 'main.ts')],
    outfile: join(outdir, 'main.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'xhr-browser',
        setup: (build) => build.onResolve({ filter: /^#xhr$/ }, () => ({ path: xhrBrowser })),
      },
    ],
  });
  copyFileSync(join(page, 'index.html'), join(outdir, 'index.html'));
  return outdir;
}

module.exports = { buildBrowser };

if (require.main === module) {
  buildBrowser(process.argv[2] && resolve(process.argv[2])).then(
    (outdir) => console.log(`Built the browser dashboard into ${outdir}`),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
