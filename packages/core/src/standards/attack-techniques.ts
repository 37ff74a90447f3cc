import type { Alert } from '../alerts/alert.js';

/**
 * The MITRE ATT&CK technique ids an alert names (`T1566`, `T1566.001`), de-duplicated, in order of appearance.
 * A sub-technique is listed with its parent technique, so a case can be searched by either.
 * Ids follow https://attack.mitre.org/techniques/enterprise/ (technique `Tnnnn`, sub-technique `Tnnnn.nnn`).
 */
export function attackTechniquesOf(alert: Alert): string[] {
  const found = new Set<string>();
  for (const attack of alert.attacks ?? []) {
    const sub = attack.sub_technique?.uid;
    const technique = attack.technique?.uid;
    if (technique !== undefined) found.add(technique);
    if (sub !== undefined) {
      found.add(sub.slice(0, sub.indexOf('.')));
      found.add(sub);
    }
    if (technique?.includes('.')) found.add(technique.slice(0, technique.indexOf('.')));
  }
  return [...found];
}

/** The ATT&CK technique ids of a case: every id any of its alerts names, sorted. */
export function attackTechniquesOfAlerts(alerts: Iterable<Alert>): string[] {
  const found = new Set<string>();
  for (const alert of alerts) for (const id of attackTechniquesOf(alert)) found.add(id);
  return [...found].sort();
}

/** The ATT&CK tactic ids (`TA0001`) an alert names, de-duplicated. */
export function attackTacticsOf(alert: Alert): string[] {
  const found = new Set<string>();
  for (const attack of alert.attacks ?? []) if (attack.tactic?.uid !== undefined) found.add(attack.tactic.uid);
  return [...found];
}
