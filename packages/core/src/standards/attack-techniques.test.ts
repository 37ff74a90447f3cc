import { describe, expect, it } from 'vitest';
import { parseAlert } from '../alerts/alert.js';
import { attackTacticsOf, attackTechniquesOf, attackTechniquesOfAlerts } from './attack-techniques.js';

const alertWith = (attacks: unknown[]) =>
  parseAlert({
    class_uid: 2004,
    category_uid: 2,
    severity_id: 3,
    time: 1,
    finding_info: { uid: 'f', title: 'Finding' },
    metadata: { product: { vendor_name: 'V', name: 'P' } },
    attacks,
  });

describe('ATT&CK techniques', () => {
  it('lists techniques once, with the parent of each sub-technique', () => {
    const alert = alertWith([
      { technique: { uid: 'T1566' }, sub_technique: { uid: 'T1566.002' }, tactic: { uid: 'TA0001' } },
      { technique: { uid: 'T1204.001' } },
      { tactic: { uid: 'TA0001' } },
    ]);
    expect(attackTechniquesOf(alert)).toEqual(['T1566', 'T1566.002', 'T1204.001', 'T1204']);
    expect(attackTacticsOf(alert)).toEqual(['TA0001']);
    expect(attackTechniquesOf(alertWith([]))).toEqual([]);
  });

  it('carries the techniques of every alert to the case, sorted', () => {
    expect(
      attackTechniquesOfAlerts([
        alertWith([{ technique: { uid: 'T1078' } }]),
        alertWith([{ technique: { uid: 'T1059' } }]),
      ]),
    ).toEqual(['T1059', 'T1078']);
  });
});
