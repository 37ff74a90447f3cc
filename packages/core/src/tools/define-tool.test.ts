import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { RampartError, ValidationError } from '../errors.js';
import { toolsWithCapability } from './capabilities.js';
import { defineTool, isTool, ToolExecutionError, toolList } from './define-tool.js';

const suspendUser = defineTool({
  name: 'suspendUser',
  description: 'Suspends a user account so it can no longer sign in.',
  input: z.object({ userId: z.string().min(3), reason: z.string().optional() }),
  output: z.object({ status: z.enum(['SUSPENDED', 'ACTIVE']), at: z.number().int() }),
  risk: 'contain',
  idempotent: true,
  scopes: ['okta.users.manage'],
  // A vendor that answers with a status outside the contract when asked about "bad-output".
  execute: async ({ userId }) => ({ status: (userId === 'bad-output' ? 'GONE' : 'SUSPENDED') as 'SUSPENDED', at: 1 }),
});

function validationErrorOf(promise: Promise<unknown>): Promise<ValidationError> {
  return promise.then(
    () => {
      throw new Error('expected a ValidationError');
    },
    (error: unknown) => {
      if (!ValidationError.isInstance(error)) throw error;
      return error;
    },
  );
}

describe('defineTool', () => {
  it('is callable and carries its metadata', async () => {
    expect(typeof suspendUser).toBe('function');
    expect(suspendUser.name).toBe('suspendUser');
    expect(suspendUser.description).toMatch(/Suspends/);
    expect(suspendUser.risk).toBe('contain');
    expect(suspendUser.idempotent).toBe(true);
    expect(suspendUser.scopes).toEqual(['okta.users.manage']);
    await expect(suspendUser({ userId: '00u1abcd' })).resolves.toEqual({ status: 'SUSPENDED', at: 1 });
  });

  it('is frozen, with frozen scopes and annotations', () => {
    expect(Object.isFrozen(suspendUser)).toBe(true);
    expect(Object.isFrozen(suspendUser.scopes)).toBe(true);
    expect(Object.isFrozen(suspendUser.annotations)).toBe(true);
    expect(() => {
      (suspendUser as { risk: string }).risk = 'read';
    }).toThrow(TypeError);
  });

  it('copies scopes, so the caller cannot change them later', () => {
    const scopes = ['a.read'];
    const tool = defineTool({
      name: 'readThing',
      description: 'Reads one thing by id.',
      input: z.object({}),
      output: z.object({}),
      risk: 'read',
      idempotent: true,
      scopes,
      execute: async () => ({}),
    });
    scopes.push('a.write');
    expect(tool.scopes).toEqual(['a.read']);
  });

  it('rejects invalid input with a ValidationError naming each path, before execute runs', async () => {
    const execute = vi.fn(async () => ({ ok: true }));
    const tool = defineTool({
      name: 'lookUp',
      description: 'Looks up a record by id.',
      input: z.object({ id: z.string().min(3), filters: z.object({ limit: z.number().int().max(100) }) }),
      output: z.object({ ok: z.boolean() }),
      risk: 'read',
      idempotent: true,
      execute,
    });
    const error = await validationErrorOf(tool({ id: 'x', filters: { limit: 1000 } }));
    expect(error.subject).toBe('tool lookUp input');
    expect(error.issues.map((issue) => issue.path)).toEqual(['id', 'filters.limit']);
    expect(error.issues[0]!.code).toBe('too_small');
    expect(error.message).toMatch(/Invalid tool lookUp input: id: .*; filters\.limit: /);
    expect(execute).not.toHaveBeenCalled();
  });

  it('passes parsed input (defaults applied) and the context to execute', async () => {
    const execute = vi.fn(async (input: { limit: number }) => ({ seen: input.limit }));
    const tool = defineTool({
      name: 'listThings',
      description: 'Lists things, newest first.',
      input: z.object({ limit: z.number().default(25) }),
      output: z.object({ seen: z.number() }),
      risk: 'read',
      idempotent: true,
      execute,
    });
    const controller = new AbortController();
    await expect(tool({}, { tenantId: 't1', caseId: 'case_1', signal: controller.signal })).resolves.toEqual({
      seen: 25,
    });
    expect(execute).toHaveBeenCalledWith(
      { limit: 25 },
      { tenantId: 't1', caseId: 'case_1', signal: controller.signal },
    );
  });

  it('rejects invalid output with a ValidationError (a vendor response that does not match)', async () => {
    const error = await validationErrorOf(suspendUser({ userId: 'bad-output' }));
    expect(error.subject).toBe('tool suspendUser output');
    expect(error.issues[0]!.path).toBe('status');
  });

  it('wraps a failure in execute as ToolExecutionError, keeping the cause', async () => {
    const cause = new Error('connection reset');
    const tool = defineTool({
      name: 'flaky',
      description: 'Fails every time it runs.',
      input: z.object({}),
      output: z.object({}),
      risk: 'read',
      idempotent: true,
      execute: async () => {
        throw cause;
      },
    });
    const error = await tool({}).catch((caught: unknown) => caught);
    expect(ToolExecutionError.isInstance(error)).toBe(true);
    expect((error as ToolExecutionError).tool).toBe('flaky');
    expect((error as Error).cause).toBe(cause);
    expect((error as Error).message).toBe('Tool flaky failed: connection reset');
  });

  it('passes Rampart errors from execute through unchanged', async () => {
    const original = new RampartError('vendor said no');
    const tool = defineTool({
      name: 'refuses',
      description: 'Always refuses politely.',
      input: z.object({}),
      output: z.object({}),
      risk: 'read',
      idempotent: true,
      execute: async () => {
        throw original;
      },
    });
    await expect(tool({})).rejects.toBe(original);
  });

  it('execute on the tool skips validation, for runtimes that validate themselves', async () => {
    await expect(suspendUser.execute({ userId: 'x' }, {})).resolves.toEqual({ status: 'SUSPENDED', at: 1 });
  });

  it('enforces name rules that model APIs share', () => {
    const spec = {
      description: 'A description long enough.',
      input: z.object({}),
      output: z.object({}),
      risk: 'read' as const,
      idempotent: true,
      execute: async () => ({}),
    };
    for (const name of ['1tool', 'has-dash', 'has space', '', 'a'.repeat(65), 'ünicode']) {
      expect(() => defineTool({ ...spec, name }), name).toThrow(RampartError);
    }
    for (const name of ['a', 'get_case', 'suspendUser2', 'A'.repeat(64)]) {
      expect(defineTool({ ...spec, name }).name).toBe(name);
    }
  });

  it('requires a description a model can choose by', () => {
    const spec = {
      name: 'tool',
      input: z.object({}),
      output: z.object({}),
      risk: 'read' as const,
      idempotent: true,
      execute: async () => ({}),
    };
    expect(() => defineTool({ ...spec, description: 'short' })).toThrow(/description/);
    expect(() => defineTool({ ...spec, description: '         x         ' })).toThrow(/description/);
  });

  it('derives MCP-style annotations from risk and idempotence', () => {
    const make = (risk: 'read' | 'write' | 'contain' | 'destructive', idempotent: boolean) =>
      defineTool({
        name: `tool_${risk}`,
        description: 'A tool used to check annotations.',
        input: z.object({}),
        output: z.object({}),
        risk,
        idempotent,
        execute: async () => ({}),
      }).annotations;
    expect(make('read', true)).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
    expect(make('write', false)).toEqual({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    expect(make('contain', true)).toEqual({ readOnlyHint: false, destructiveHint: true, idempotentHint: true });
    expect(make('destructive', false)).toEqual({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
  });

  it('isTool recognises tools and nothing else', () => {
    expect(isTool(suspendUser)).toBe(true);
    expect(isTool(() => undefined)).toBe(false);
    expect(isTool({ risk: 'read', input: {}, execute: () => undefined })).toBe(false);
    expect(isTool(null)).toBe(false);
  });

  it('toolList accepts a tool set or an array', () => {
    expect(toolList({ suspendUser })).toEqual([suspendUser]);
    const array = [suspendUser];
    const listed = toolList(array);
    expect(listed).toEqual(array);
    expect(listed).not.toBe(array);
  });
});

describe('capabilities', () => {
  it('are carried on the tool and found by toolsWithCapability', () => {
    const suspend = defineTool({
      name: 'suspendUser',
      description: 'Suspend a user account so it cannot sign in.',
      input: z.object({ userId: z.string() }),
      output: z.object({ ok: z.boolean() }),
      risk: 'contain',
      idempotent: true,
      capabilities: ['user.suspend'],
      execute: async () => ({ ok: true }),
    });
    const lookup = defineTool({
      name: 'lookupIp',
      description: 'Look up the reputation of an IP address.',
      input: z.object({ ip: z.string() }),
      output: z.object({ score: z.number() }),
      risk: 'read',
      idempotent: true,
      execute: async () => ({ score: 0 }),
    });
    expect(suspend.capabilities).toEqual(['user.suspend']);
    expect(lookup.capabilities).toEqual([]);
    expect(toolsWithCapability({ suspend, lookup }, 'user.suspend')).toEqual([suspend]);
    expect(toolsWithCapability([suspend, lookup], 'host.contain')).toEqual([]);
  });
});

describe('outputAlreadyParsed', () => {
  it('trusts a runtime that parsed its own output, and parses otherwise', async () => {
    const make = (outputAlreadyParsed: boolean) =>
      defineTool({
        name: 'getScore',
        description: 'Read the reputation score of an indicator.',
        input: z.object({}),
        output: z.object({ score: z.number() }),
        risk: 'read',
        idempotent: true,
        outputAlreadyParsed,
        execute: async () => ({ score: 'not a number' }) as unknown as { score: number },
      });
    await expect(make(false)({})).rejects.toThrow(ValidationError);
    await expect(make(true)({})).resolves.toEqual({ score: 'not a number' });
  });
});
