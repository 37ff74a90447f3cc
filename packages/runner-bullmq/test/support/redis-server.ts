import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

const run = promisify(execFile);

/**
 * A Redis server of the test's own on a loopback port, never the shared one on 6379: the fault test stops and
 * restarts it. The append-only file (in the test's folder) makes the restart keep the queue, as a production
 * Redis configured for BullMQ would (https://docs.bullmq.io/guide/going-to-production#persistence).
 */
export class TestRedisServer {
  constructor(
    readonly port: number,
    private readonly directory: string,
  ) {}

  async start(): Promise<void> {
    await run('redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--dir',
      this.directory,
      '--daemonize',
      'yes',
      '--pidfile',
      `${this.directory}/redis.pid`,
      '--logfile',
      `${this.directory}/redis.log`,
    ]);
    for (let attempt = 0; attempt < 100; attempt++) {
      if (await this.answers()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`redis-server on port ${this.port} did not start (see ${this.directory}/redis.log)`);
  }

  /** A clean shutdown: the append-only file is flushed, clients see their connections drop. */
  async stop(): Promise<void> {
    const client = new Redis({ port: this.port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
    client.on('error', () => {});
    await client.connect();
    await client.call('SHUTDOWN').catch(() => {});
    client.disconnect();
    for (let attempt = 0; attempt < 100 && (await this.answers()); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async answers(): Promise<boolean> {
    const client = new Redis({
      port: this.port,
      host: '127.0.0.1',
      lazyConnect: true,
      connectTimeout: 500,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}

/** The first port from `from` on which nothing answers as Redis. */
export async function freeRedisPort(from: number): Promise<number> {
  for (let port = from; port < from + 50; port++) {
    if (!(await new TestRedisServer(port, '').answers())) return port;
  }
  throw new Error(`No free port for a test Redis between ${from} and ${from + 49}`);
}
