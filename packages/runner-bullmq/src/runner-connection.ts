import type { RedisOptions } from 'ioredis';

/** Where the runner's Redis is: ioredis options (host, port, password, tls ...). */
export interface RunnerConnectionOptions {
  connection: RedisOptions;
  /** Name of the queue family; every producer and worker of one deployment uses the same. Default `rampart`. */
  queueName?: string;
}

/**
 * BullMQ's blocking commands need `maxRetriesPerRequest: null`; with it, a command issued while Redis is
 * restarting waits for the reconnection instead of failing, which is what carries workers and producers through
 * a brief outage.
 */
export function bullConnection(options: RedisOptions): RedisOptions {
  return {
    ...options,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(2_000, 50 * 2 ** Math.min(attempt, 6)),
  };
}
