import { describe, expect, it } from 'vitest';
import { SeverityId, severityLabel, severityLabels } from './severity.js';

describe('severity', () => {
  it('labels every OCSF severity_id', () => {
    expect(severityLabels.map((_label, id) => severityLabel(id))).toEqual([
      'Unknown',
      'Informational',
      'Low',
      'Medium',
      'High',
      'Critical',
      'Fatal',
    ]);
  });

  it('accepts integers 0-6 only', () => {
    for (const id of [0, 3, 6]) expect(SeverityId.safeParse(id).success).toBe(true);
    for (const id of [-1, 7, 99, 2.5, '3']) expect(SeverityId.safeParse(id).success).toBe(false);
  });
});
