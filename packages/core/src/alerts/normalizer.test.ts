import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { defineNormalizer, normalizeAlerts, UnrecognizedAlertError } from './normalizer.js';

const NativeDetection = z.looseObject({ id: z.string(), severity: z.number().int().min(0).max(100), name: z.string() });

const detections = defineNormalizer({
  id: 'acme-edr.detection',
  connectorId: 'acme-edr',
  description: 'ACME EDR detections',
  input: NativeDetection,
  normalize: (native) => ({
    class_uid: 2004,
    category_uid: 2,
    severity_id: native.severity >= 80 ? 5 : 3,
    time: 1_767_225_600_000,
    finding_info: { uid: native.id, title: native.name },
    metadata: { product: { vendor_name: 'ACME', name: 'EDR' }, uid: native.id },
    raw_data: JSON.stringify(native),
  }),
});

describe('normalizeAlerts', () => {
  it('accepts one alert, an array or a list envelope', () => {
    const one = { id: 'd-1', severity: 90, name: 'Mimikatz' };
    expect(normalizeAlerts('acme-edr', [detections], one).map((alert) => alert.severity_id)).toEqual([5]);
    expect(normalizeAlerts('acme-edr', [detections], [one, { ...one, id: 'd-2', severity: 10 }])).toHaveLength(2);
    expect(normalizeAlerts('acme-edr', [detections], { resources: [one] })[0]?.finding_info?.uid).toBe('d-1');
  });

  it('names the item and field of a bad payload', () => {
    const bad = {
      value: [
        { id: 'd-1', severity: 90, name: 'ok' },
        { id: 'd-2', severity: 'high', name: 'x' },
      ],
    };
    expect(() => normalizeAlerts('acme-edr', [detections], bad)).toThrow(UnrecognizedAlertError);
    expect(() => normalizeAlerts('acme-edr', [detections], bad)).toThrow(/value\[1\]/);
  });

  it('reports a normalizer that emits an invalid alert as a ValidationError with the item path', () => {
    const broken = defineNormalizer({ ...detections, id: 'acme-edr.broken', normalize: () => ({ class_uid: 2004 }) });
    try {
      normalizeAlerts('acme-edr', [broken], [{ id: 'd-1', severity: 1, name: 'x' }]);
      expect.unreachable();
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true);
      expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('[0].category_uid');
    }
  });
});

describe('payloads nested past any real alert', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let level = 0; level < depth; level++) value = { inner: value };
    return value;
  };

  it('are refused with a ValidationError naming the path, not a stack overflow (fuzz regression)', () => {
    const payload = { id: 'd-1', severity: 90, name: 'x', extra: nested(20_000) };
    for (const run of [() => normalizeAlerts('acme-edr', [detections], payload), () => detections.normalize(payload)]) {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(ValidationError.isInstance(caught)).toBe(true);
      expect((caught as ValidationError).issues[0]?.path).toMatch(/^extra(\.inner)+$/);
    }
  });

  it('are refused when circular, instead of looping or overflowing', () => {
    const payload: Record<string, unknown> = { id: 'd-1', severity: 90, name: 'x' };
    payload.self = payload;
    expect(() => normalizeAlerts('acme-edr', [detections], [payload])).toThrow(/\[0\]\.self/);
  });

  it('still accept ordinary nesting', () => {
    expect(
      normalizeAlerts('acme-edr', [detections], { id: 'd-1', severity: 90, name: 'x', extra: nested(60) }),
    ).toHaveLength(1);
  });
});
