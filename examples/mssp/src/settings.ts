import { parseOrThrow } from '@rampart/core';
import { z } from 'zod';

/** Where the deployment's services are, from the environment (defaults: everything on this machine). */
export const Settings = z.object({
  redisUrl: z.url().default('redis://127.0.0.1:6379'),
  databaseUrl: z.url().default('postgres://postgres@127.0.0.1:5432/test'),
  /** The PostgreSQL schema holding Rampart's tables. */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('rampart_mssp'),
  /** The queue family all workers and producers of this deployment share. */
  queue: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('rampart-mssp'),
  /** One `<tenant>.json` of connector secrets per tenant (mode 600). */
  secretsDirectory: z.string().min(1).default('.rampart/secrets'),
  /** The demo's customers. */
  tenants: z.coerce.number().int().min(1).max(100).default(5),
  hostsPerTenant: z.coerce.number().int().min(1).max(1_000).default(10),
  /** Jobs one worker process works at once. */
  concurrency: z.coerce.number().int().min(1).max(64).default(4),
});
export type Settings = z.infer<typeof Settings>;

export function settingsFromEnvironment(environment: NodeJS.ProcessEnv = process.env): Settings {
  return parseOrThrow(
    Settings,
    {
      redisUrl: environment.REDIS_URL,
      databaseUrl: environment.DATABASE_URL,
      schema: environment.RAMPART_SCHEMA,
      queue: environment.RAMPART_QUEUE,
      secretsDirectory: environment.RAMPART_SECRETS_DIR,
      tenants: environment.RAMPART_DEMO_TENANTS,
      hostsPerTenant: environment.RAMPART_DEMO_HOSTS,
      concurrency: environment.RAMPART_WORKER_CONCURRENCY,
    },
    'deployment settings (environment)',
  );
}

export function redisConnection(settings: Settings) {
  const url = new URL(settings.redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password !== '' && { password: decodeURIComponent(url.password) }),
  };
}
