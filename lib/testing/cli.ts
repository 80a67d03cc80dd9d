#!/usr/bin/env node
// `assembla-rx server --port 4000 --tickets 2000 ...` (lib/bin/assembla-rx.ts), `assembla-rx-server ...` (this
// file as the bin, kept as an alias) or `npm run server -- ...`: the local Assembla server from the command line.
// The first line printed is `LISTENING <url>`, so another process can spawn this and read the URL.
import { DEFAULT_CREDENTIALS } from './http/credentials';
import { SEED_NOW } from './resources/seed';
import { startServer, type ServerOptions } from './server';

export const USAGE = `Usage: assembla-rx server [options]
   or: assembla-rx-server [options]
   or: npm run server -- [options]

  --port <n>              port on 127.0.0.1 (default 0: any free port)
  --tickets <n>           tickets in "Big Project" (default 2000)
  --other-spaces <n>      spaces besides Big Project (default 2)
  --seed <n>              seed of the data and of the faults (default 1)
  --latency <ms>          delay before every answer (default 0)
  --fault-5xx <p>         probability of a 500/502/503/504
  --fault-429 <p>         probability of a 429 burst
  --retry-after <s>       Retry-After of a 429 burst (default 1)
  --fault-truncate <p>    probability of a truncated JSON body
  --fault-malformed <p>   probability of a malformed JSON body
  --fault-drop <p>        probability of a dropped connection
  --fault-slow <p>        probability of a slow answer
  --slow-ms <ms>          delay of a slow answer (default 5000)
  --fault-drop-after-apply <p>
                          probability that a write is applied, then its connection dropped unanswered
  --fault-429-before <p>  probability that a write gets a 429 before it is applied
  --fault-refuse <p>      probability that a write's connection is reset before anything is read
  --write-fault-methods <m>
                          methods the three write faults hit, e.g. POST,PUT (default POST,PUT,DELETE)
  --rate-limit <n>/<ms>   fixed-window rate limit, e.g. 100/1000
  --clock seed            run the clock from SEED_NOW, so the seeded activity is recent
  --downloads <mode>      direct (default) or redirect (302 to file storage)
  --activity-order <o>    newest-first (default) or oldest-first
  --activity-from <f>     exclusive (default) or inclusive
  --activity-zone <z>     zone of activity from/to: UTC (default) or e.g. +05:30
  --conditional <on|off>  on (default): 304 to a matching If-None-Match; off: always 200
  --offsets <mode>        stored (default) or varying (timestamps at another UTC offset on each call)
  --help                  this text`;

const FAULT_FLAGS = {
  '--fault-5xx': 'rate5xx',
  '--fault-429': 'burst429Rate',
  '--fault-truncate': 'truncateRate',
  '--fault-malformed': 'malformedRate',
  '--fault-drop': 'dropRate',
  '--fault-slow': 'slowRate',
  '--retry-after': 'retryAfterSec',
  '--slow-ms': 'slowMs',
  '--fault-drop-after-apply': 'dropAfterApplyRate',
  '--fault-429-before': 'reject429Rate',
  '--fault-refuse': 'refuseRate',
} as const;

// The switches that take a word; startServer checks the words.
const TEXT_FLAGS: Record<string, (options: ServerOptions, text: string) => void> = {
  '--clock': (options, text) => {
    if (text !== 'seed') throw new Error(`--clock takes 'seed', got ${text}`);
    const start = Date.now();
    options.now = () => SEED_NOW + (Date.now() - start);
  },
  '--downloads': (options, text) => void (options.downloads = text as ServerOptions['downloads']),
  '--activity-order': (options, text) =>
    void (options.activity = { ...options.activity, order: text as 'newest-first' }),
  '--activity-from': (options, text) => void (options.activity = { ...options.activity, from: text as 'exclusive' }),
  '--activity-zone': (options, text) => void (options.activity = { ...options.activity, zone: text }),
  '--conditional': (options, text) => {
    if (text !== 'on' && text !== 'off') throw new Error(`--conditional takes on or off, got ${text}`);
    options.conditional = text === 'on';
  },
  '--offsets': (options, text) => void (options.offsets = text as ServerOptions['offsets']),
};

/**
 * Turns command-line arguments into server options; 'help' for --help. Throws on a bad argument.
 * @example
 * parseArgs(['--port', '4000', '--fault-5xx', '0.05']);
 * // { port: 4000, data: { seed: 1 }, faults: { seed: 1, rate5xx: 0.05 } }
 */
export function parseArgs(argv: readonly string[]): ServerOptions | 'help' {
  const data: { seed: number; tickets?: number; otherSpaces?: number } = { seed: 1 };
  const faults: Record<string, number> = {};
  let writeFaultMethods: string[] | undefined;
  const options: ServerOptions = { data };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') return 'help';
    const text = argv[++i];
    if (text === undefined) throw new Error(`${flag} needs a value`);
    if (flag in TEXT_FLAGS) {
      TEXT_FLAGS[flag](options, text);
      continue;
    }
    if (flag === '--write-fault-methods') {
      writeFaultMethods = text.split(',').map((m) => m.trim().toUpperCase());
      if (writeFaultMethods.some((m) => !['GET', 'POST', 'PUT', 'DELETE'].includes(m)))
        throw new Error(`--write-fault-methods takes methods like POST,PUT,DELETE; got ${text}`);
      continue;
    }
    if (flag === '--rate-limit') {
      const m = /^(\d+)\/(\d+)$/.exec(text);
      if (!m) throw new Error(`--rate-limit takes <limit>/<windowMs>, e.g. 100/1000; got ${text}`);
      options.rateLimit = { limit: Number(m[1]), windowMs: Number(m[2]) };
      continue;
    }
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`${flag} takes a number, got ${text}`);
    if (flag === '--port') options.port = value;
    else if (flag === '--tickets') data.tickets = value;
    else if (flag === '--other-spaces') data.otherSpaces = value;
    else if (flag === '--seed') data.seed = value;
    else if (flag === '--latency') options.latencyMs = value;
    else if (flag in FAULT_FLAGS) faults[FAULT_FLAGS[flag as keyof typeof FAULT_FLAGS]] = value;
    else throw new Error(`Unknown option ${flag}`);
  }
  if (Object.keys(faults).length > 0 || writeFaultMethods)
    options.faults = { seed: data.seed, ...faults, ...(writeFaultMethods ? { writeFaultMethods } : {}) };
  return options;
}

async function serve(argv: readonly string[]): Promise<void> {
  let options: ServerOptions | 'help';
  try {
    options = parseArgs(argv);
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const server = await startServer(options);
  const { key, secret, token, basic } = DEFAULT_CREDENTIALS;
  console.log(`LISTENING ${server.url}`);
  console.log(
    `Local Assembla API at ${server.url}/v1 (${server.data.spaces.length} spaces, counters at ${server.url}/__stats)`,
  );
  console.log(
    `Credentials: X-Api-Key ${key} + X-Api-Secret ${secret} | Bearer ${token} | Basic ${basic[0]}:${basic[1]}`,
  );
  console.log(`Try: curl -H 'X-Api-Key: ${key}' -H 'X-Api-Secret: ${secret}' ${server.url}/v1/spaces.json`);
  const shutdown = (): void => {
    void server.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/**
 * Runs the local server as the process, with these arguments (without `node` and the script): it
 * serves until SIGINT or SIGTERM, then exits 0; a wrong argument exits 2 with the usage, a failure to
 * start 1.
 * @example runServerProgram(['--port', '4000', '--tickets', '2000']);
 */
export function runServerProgram(argv: readonly string[]): void {
  serve(argv).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

if (require.main === module) runServerProgram(process.argv.slice(2));
