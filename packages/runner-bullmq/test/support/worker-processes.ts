import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = createRequire(import.meta.url).resolve('tsx');

/** Starts a worker script from sources (the `@rampart/source` condition, as the tests run) and waits for "ready". */
export async function startWorkerProcess(script: string, environment: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=@rampart/source', '--import', tsx, script], {
    cwd: packageDirectory,
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4_000);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker ${script} not ready after 60 s: ${errors}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker ${script} exited with ${code} before it was ready: ${errors}`));
    });
  });
  return child;
}

/** Stops a worker gracefully (SIGTERM) and waits for it, or kills it after `graceMs`. */
export async function stopWorkerProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export const workerScript = (name: string) => path.join(packageDirectory, 'test/support', name);
