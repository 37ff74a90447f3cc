import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { type AlertInput, observableTypeIds, parseAlert } from './alert.js';
import { ocsfClasses } from './ocsf-classes.js';

const input: AlertInput = {
  ...ocsfClasses.detectionFinding,
  severity_id: 4,
  time: Date.UTC(2026, 10, 27, 9, 0, 0),
  finding_info: { uid: 'gd-1', title: 'UnauthorizedAccess:IAMUser/MaliciousIPCaller', analytic: { name: 'GuardDuty' } },
  observables: [{ name: 'src_endpoint.ip', type_id: observableTypeIds.ipAddress, value: '198.51.100.7' }],
  attacks: [
    {
      tactic: { uid: 'TA0001', name: 'Initial Access' },
      technique: { uid: 'T1078' },
      sub_technique: { uid: 'T1078.004' },
    },
  ],
  metadata: { product: { vendor_name: 'AWS', name: 'GuardDuty' }, uid: 'abc' },
  raw_data: '{"id":"abc"}',
};

function validationError(value: unknown): ValidationError {
  try {
    parseAlert(value);
  } catch (error) {
    if (ValidationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseAlert', () => {
  it('parses a valid alert and applies OCSF defaults', () => {
    const alert = parseAlert(input);
    expect(alert.activity_id).toBe(0);
    expect(alert.metadata.version).toBe('1.8.0');
    expect(alert.finding_info?.analytic?.type_id).toBe(0);
    expect(alert.raw_data).toBe('{"id":"abc"}');
    expect(parseAlert({ ...input, observables: undefined }).observables).toEqual([]);
  });

  it('keeps attributes Rampart does not model (objects are loose)', () => {
    const alert = parseAlert({ ...input, confidence_id: 3, metadata: { ...input.metadata, log_name: 'findings' } });
    expect((alert as Record<string, unknown>).confidence_id).toBe(3);
    expect((alert.metadata as Record<string, unknown>).log_name).toBe('findings');
  });

  it('does not mutate its input', () => {
    const copy = structuredClone(input);
    parseAlert(input);
    expect(input).toEqual(copy);
  });

  it('names each bad path in a ValidationError whose subject is Alert', () => {
    const error = validationError({ ...input, finding_info: { uid: '', title: 'x' }, class_uid: 0 });
    expect(error.subject).toBe('Alert');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(['class_uid', 'finding_info.uid']);
    expect(error.fault).toBe('client');
  });

  it('requires the OCSF required attributes', () => {
    const { severity_id: _severity, time: _time, metadata: _metadata, ...rest } = input;
    expect(
      validationError(rest)
        .issues.map((issue) => issue.path)
        .sort(),
    ).toEqual(['metadata', 'severity_id', 'time']);
  });

  it('checks ATT&CK ids', () => {
    expect(validationError({ ...input, attacks: [{ tactic: { uid: 'TA1' } }] }).issues[0]).toMatchObject({
      path: 'attacks[0].tactic.uid',
      message: 'ATT&CK tactic id like TA0001',
    });
    expect(validationError({ ...input, attacks: [{ technique: { uid: 'T15660' } }] }).issues[0]!.path).toBe(
      'attacks[0].technique.uid',
    );
    expect(validationError({ ...input, attacks: [{ sub_technique: { uid: 'T1566' } }] }).issues[0]!.path).toBe(
      'attacks[0].sub_technique.uid',
    );
  });

  it('rejects non-integer and negative times and ids', () => {
    expect(validationError({ ...input, time: 1.5 }).issues[0]!.path).toBe('time');
    expect(validationError({ ...input, observables: [{ name: 'x', type_id: -2, value: 'v' }] }).issues[0]!.path).toBe(
      'observables[0].type_id',
    );
  });

  it('rejects what is not an object at all', () => {
    for (const value of [null, 'alert', 42, []]) {
      expect(validationError(value).issues[0]!.path).toBe('');
    }
  });
});
