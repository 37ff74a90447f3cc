/**
 * Child process of connector-overhead.bench.ts: after a warm-up, makes `count` calls of one variant with
 * `concurrency` in flight against the loopback server at `url` under V8's CPU profiler (what `node --cpu-prof`
 * runs, started here through node:inspector so start-up and module loading stay out of it), then `count` more
 * under the sampling heap profiler, counting objects already collected, to see who allocates what the garbage
 * collector then spends its time on. Writes `calls.cpuprofile` and `calls.heapprofile` into `directory`.
 * Usage: connector-overhead-profile.ts <url> <variant> <concurrency> <count> <directory>
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { createVariant, runConcurrently, type VariantName } from './connector-calls.js';

const [url, name, concurrency, count, directory] = process.argv.slice(2) as [
  string,
  VariantName,
  string,
  string,
  string,
];
const variant = createVariant(name, url);
const run = () => runConcurrently(Number(count), Number(concurrency), () => variant.call());
const session = new Session();
session.connect();

await runConcurrently(2_000, Number(concurrency), () => variant.call());

await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
await run();
const { profile } = await session.post('Profiler.stop');
writeFileSync(join(directory, 'calls.cpuprofile'), JSON.stringify(profile));

await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 4096,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
} as never);
await run();
const { profile: heapProfile } = await session.post('HeapProfiler.stopSampling');
writeFileSync(join(directory, 'calls.heapprofile'), JSON.stringify(heapProfile));

session.disconnect();
await variant.close();
