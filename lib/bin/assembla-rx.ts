#!/usr/bin/env node
// `assembla-rx`, the package's command (package.json `bin`): `assembla-rx server ...` runs the local server
// (lib/testing), any other command line goes to the SDK's commands (lib/cli). It is neither side, so it is the one
// module allowed to import both, and nothing imports it (spec/architecture.spec.ts). Each side is loaded only when
// asked for, so an export does not load the server's code.
const argv = process.argv.slice(2);
if (argv[0] === 'server') void import('../testing/cli').then((server) => server.runServerProgram(argv.slice(1)));
else void import('../cli/main').then((cli) => cli.runProgram(argv));
