import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [-- name...]`: runs `bench/<name>.bench.ts` files, each in its own process (so one
 * benchmark's heap never skews another's), against workspace sources.
 */
const benchDirectory = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(benchDirectory)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .sort();
const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of requested.length > 0 ? requested : available) {
  console.log(`\n== ${name}`);
  const result = spawnSync(
    process.execPath,
    [
      '--conditions=@rampart/source',
      '--import',
      'tsx',
      '--expose-gc',
      '--max-old-space-size=8192',
      join(benchDirectory, `${name}.bench.ts`),
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
