import type { CaseStore, TimelineEntry } from '@rampart/core';

/**
 * A case store that reports each timeline entry once it is stored, so a command can show a run while it happens
 * (the SOC only returns when a case is finished or waits for a human). Every other call passes straight through.
 */
export function observedCaseStore(
  store: CaseStore,
  onEntry: (entry: TimelineEntry, tenantId: string) => void,
): CaseStore {
  return {
    async applyChanges(changes) {
      await store.applyChanges(changes);
      for (const entry of changes.timeline ?? []) onEntry(entry, changes.tenantId);
    },
    getCase: (tenantId, caseId) => store.getCase(tenantId, caseId),
    getCaseRecords: (tenantId, caseIds) => store.getCaseRecords(tenantId, caseIds),
    listCases: (tenantId, query) => store.listCases(tenantId, query),
    getTimeline: (tenantId, caseId, query) => store.getTimeline(tenantId, caseId, query),
    getAlert: (tenantId, alertId) => store.getAlert(tenantId, alertId),
    getAlerts: (tenantId, alertIds) => store.getAlerts(tenantId, alertIds),
    findAlertsByFingerprint: (tenantId, fingerprints) => store.findAlertsByFingerprint(tenantId, fingerprints),
    findEntityLinks: (tenantId, entityKeys, window) => store.findEntityLinks(tenantId, entityKeys, window),
  };
}
