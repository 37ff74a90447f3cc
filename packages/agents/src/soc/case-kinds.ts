import type { AlertSummary } from '../runtime/case-context.js';

/** The kinds of case the built-in investigation agents specialise in. A case can be of several kinds. */
export const caseKinds = ['phishing', 'identity', 'endpoint', 'cloud'] as const;
export type CaseKind = (typeof caseKinds)[number];

const textOf = (alert: AlertSummary) =>
  [alert.title, alert.description ?? '', alert.message ?? '', ...alert.types, alert.className ?? ''].join(' ');

const hasTechnique = (alert: AlertSummary, prefixes: readonly string[]) =>
  alert.techniques.some((technique) =>
    prefixes.some((prefix) => technique === prefix || technique.startsWith(`${prefix}.`)),
  );

/** Which kinds one alert is, from its OCSF class, ATT&CK techniques, titles and types. */
export function kindsOfAlert(alert: AlertSummary): CaseKind[] {
  const text = textOf(alert);
  const kinds = new Set<CaseKind>();
  const cloud =
    alert.resources.some((resource) =>
      /^(aws|azure|gcp|google)|arn:|::/i.test(`${resource.type ?? ''} ${resource.uid ?? ''}`),
    ) ||
    /\b(iam ?user|access ?key|cloudtrail|guardduty|s3 bucket|service principal)\b/i.test(text) ||
    hasTechnique(alert, ['T1078.004', 'T1552.005']);
  if (cloud) kinds.add('cloud');
  if (
    alert.classUid === 4009 ||
    /phish|spoof|malicious (e-?mail|message|attachment)/i.test(text) ||
    hasTechnique(alert, ['T1566'])
  ) {
    kinds.add('phishing');
  }
  // Titles and types only: a phishing mail's description often mentions the credentials it is after.
  const headline = [alert.title, ...alert.types].join(' ');
  if (
    !cloud &&
    alert.classUid !== 4009 &&
    (alert.classUid === 3001 ||
      alert.classUid === 3002 ||
      /\b(mfa|multi-factor|sign-?in|log-?in|logon|impossible travel|credential|password|brute|account)\b/i.test(
        headline,
      ) ||
      hasTechnique(alert, ['T1621', 'T1110', 'T1078']))
  ) {
    kinds.add('identity');
  }
  const onHost = alert.observables.some(
    (observable) => observable.typeId === 1 && /device|host|endpoint|computer/i.test(observable.name),
  );
  if (
    onHost &&
    (/malware|ransom|trojan|execution|powershell|script|process|exploit|persistence|lateral/i.test(text) ||
      hasTechnique(alert, ['T1059', 'T1204', 'T1486', 'T1055', 'T1547']))
  ) {
    kinds.add('endpoint');
  }
  return caseKinds.filter((kind) => kinds.has(kind));
}

/** Every kind any alert of the case is, in `caseKinds` order. */
export function caseKindsOf(alerts: readonly AlertSummary[]): CaseKind[] {
  const kinds = new Set(alerts.flatMap(kindsOfAlert));
  return caseKinds.filter((kind) => kinds.has(kind));
}
