import { describe, expect, it } from 'vitest';
import { ModelBehaviorError } from './model-errors.js';
import { assertKnownTools, parseToolArguments } from './tool-calls.js';

const origin = { model: 'test:model', toolName: 'lookupIp', toolCallId: 'call_1' };
const tools = [{ name: 'lookupIp', description: 'Look up an IP address.', inputSchema: { type: 'object' } }];

describe('parseToolArguments', () => {
  it('parses JSON text, passes decoded values through, and reads nothing as no arguments', () => {
    expect(parseToolArguments('{"ip":"203.0.113.7"}', origin)).toEqual({ ip: '203.0.113.7' });
    expect(parseToolArguments({ ip: '203.0.113.7' }, origin)).toEqual({ ip: '203.0.113.7' });
    expect(parseToolArguments('  ', origin)).toEqual({});
    expect(parseToolArguments(undefined, origin)).toEqual({});
  });

  it('throws ModelBehaviorError naming the tool and call for text that is not JSON', () => {
    const error = (() => {
      try {
        parseToolArguments('{"ip": "203.0.', origin);
      } catch (caught) {
        return caught;
      }
    })();
    expect(ModelBehaviorError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid-tool-arguments', toolName: 'lookupIp', toolCallId: 'call_1' });
    expect((error as Error).message).toBe(
      'Model test:model sent arguments for lookupIp (call call_1) that are not JSON',
    );
  });
});

describe('assertKnownTools', () => {
  it('accepts calls to offered tools and rejects any other name', () => {
    expect(() => assertKnownTools([{ id: 'c1', name: 'lookupIp', arguments: {} }], tools, 'test:model')).not.toThrow();
    expect(() => assertKnownTools([{ id: 'c2', name: 'isolateHost', arguments: {} }], tools, 'test:model')).toThrow(
      'Model test:model called unknown tool "isolateHost" (offered: lookupIp)',
    );
    expect(() => assertKnownTools([{ id: 'c3', name: 'lookupIp', arguments: {} }], undefined, 'test:model')).toThrow(
      'none were offered',
    );
  });
});
