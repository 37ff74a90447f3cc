import { z } from 'zod';
import { defineTool } from './define-tool.js';

/** Tools with the schema shapes exporters must handle: nesting, arrays, enums, optional, defaults, unions. */
export const searchAlerts = defineTool({
  name: 'searchAlerts',
  description: 'Searches alerts by entity and time window, newest first.',
  input: z.object({
    query: z.string().min(1).describe('Free-text query'),
    severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
    limit: z.number().int().min(1).max(500).default(50),
    window: z
      .object({
        from: z.iso.datetime(),
        to: z.iso.datetime().optional(),
      })
      .describe('Time window'),
    entities: z
      .array(
        z.object({
          kind: z.enum(['ip', 'domain', 'user']),
          value: z.string(),
          note: z.string().nullable().optional(),
        }),
      )
      .max(20)
      .optional(),
    includeClosed: z.boolean().nullable(),
  }),
  output: z.object({ alerts: z.array(z.object({ id: z.string() })) }),
  risk: 'read',
  idempotent: true,
  execute: async () => ({ alerts: [] }),
});

export const containHost = defineTool({
  name: 'containHost',
  description: 'Isolates a host from the network, keeping its EDR channel open.',
  input: z.object({
    target: z.discriminatedUnion('by', [
      z.object({ by: z.literal('hostname'), hostname: z.string() }),
      z.object({
        by: z.literal('deviceId'),
        deviceId: z.string().regex(/^[a-f0-9]{32}$/),
        reason: z.string().optional(),
      }),
    ]),
    comment: z.string().max(200).optional(),
  }),
  output: z.object({ actionId: z.string() }),
  risk: 'contain',
  idempotent: true,
  execute: async () => ({ actionId: 'a1' }),
});

export const deleteMessage = defineTool({
  name: 'deleteMessage',
  description: 'Permanently deletes an email message from a mailbox.',
  input: z.object({ mailbox: z.email(), messageId: z.string() }),
  output: z.object({ deleted: z.boolean() }),
  risk: 'destructive',
  idempotent: false,
  execute: async () => ({ deleted: true }),
});

interface Category {
  name: string;
  children?: Category[] | undefined;
}
const Category: z.ZodType<Category> = z.object({
  name: z.string(),
  get children() {
    return z.array(Category).optional();
  },
});

export const tagTree = defineTool({
  name: 'tagTree',
  description: 'Applies a tree of tags to a case.',
  input: z.object({ root: Category }),
  output: z.object({ applied: z.number() }),
  risk: 'write',
  idempotent: true,
  execute: async () => ({ applied: 1 }),
});

export const setLabels = defineTool({
  name: 'setLabels',
  description: 'Sets free-form key/value labels on a case.',
  input: z.object({ labels: z.record(z.string(), z.string()) }),
  output: z.object({}),
  risk: 'write',
  idempotent: true,
  execute: async () => ({}),
});

export const rawQuery = defineTool({
  name: 'rawQuery',
  description: 'Runs a vendor query with arbitrary parameters.',
  input: z.object({ parameters: z.unknown() }),
  output: z.object({}),
  risk: 'read',
  idempotent: true,
  execute: async () => ({}),
});

export const scheduleScan = defineTool({
  name: 'scheduleScan',
  description: 'Schedules a scan at a given date.',
  input: z.object({ at: z.date() }),
  output: z.object({}),
  risk: 'write',
  idempotent: false,
  execute: async () => ({}),
});

export const echoText = defineTool({
  name: 'echoText',
  description: 'Echoes a string, for tests of non-object inputs.',
  input: z.string(),
  output: z.string(),
  risk: 'read',
  idempotent: true,
  execute: async (text) => text,
});
