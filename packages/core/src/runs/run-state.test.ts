import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { sampleRunState } from '../testing/run-store-conformance.js';
import { parseRunState, runStateSchemaVersion, UnsupportedRunStateError } from './run-state.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describe('parseRunState', () => {
  it('loads the immutable v1 fixture: a state saved by schema version 1 still resumes', () => {
    const state = parseRunState(fixture('run-state-v1.json'));
    expect(state.schemaVersion).toBe(1);
    expect(state.pending?.approvalId).toBe('approval_000001');
    expect(state.pending?.toolCall.arguments).toEqual({ hostId: 'fa3c2b1e9d8f4a67', reason: 'Malware on the host' });
    expect(state.completedStages).toEqual(['triage', 'investigation:endpoint']);
    expect(state.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
  });

  it('round-trips the current version through JSON', () => {
    const state = sampleRunState();
    expect(parseRunState(JSON.parse(JSON.stringify(state)))).toEqual(state);
    expect(state.schemaVersion).toBe(runStateSchemaVersion);
  });

  it('refuses a state from a newer Rampart, or with no schema version', () => {
    expect(() => parseRunState({ ...sampleRunState(), schemaVersion: runStateSchemaVersion + 1 })).toThrow(
      UnsupportedRunStateError,
    );
    expect(() => parseRunState({ id: 'run-1' })).toThrow(/schema version undefined/);
    expect(UnsupportedRunStateError.isInstance(new UnsupportedRunStateError(0))).toBe(true);
  });

  it('names the bad path of a malformed state', () => {
    expect(() => parseRunState({ ...sampleRunState(), messages: [{ role: 'robot', content: '' }] })).toThrow(
      ValidationError,
    );
    expect(() => parseRunState({ ...sampleRunState(), step: 1.5 })).toThrow(/step/);
  });
});
