import type { AlertInput } from '@rampart/core';

/**
 * A morning at Acme, from five vendors, in Rampart's Alert form (OCSF 1.x). Values use documentation
 * ranges (RFC 5737 addresses, example domains). The story: a phishing mail leads to an MFA-fatigue
 * sign-in and a PowerShell download on the user's laptop (one case); a leaked cloud key is used from an
 * address that also hits a Workspace account (a second case); an admin's routine change (a third).
 */
const start = Date.UTC(2026, 10, 27, 9, 0, 0);
const minutes = (count: number) => start + count * 60_000;

const phishingMail: AlertInput = {
  class_uid: 2004,
  class_name: 'Detection Finding',
  category_uid: 2,
  category_name: 'Findings',
  activity_id: 1,
  severity_id: 3,
  severity: 'Medium',
  time: minutes(0),
  finding_info: {
    uid: 'graph-alert-da637f1e0b3c',
    title: 'User-reported phishing: "Invoice 4471 overdue"',
    desc: 'jane.doe reported a message from billing@invoice-update.example whose link leads to a credential form.',
    types: ['Phish', 'User reported'],
    analytic: { name: 'Email reported by user as malware or phish', type_id: 1, type: 'Rule' },
  },
  observables: [
    { name: 'email.from', type_id: 5, type: 'Email Address', value: 'Billing@Invoice-Update.example' },
    { name: 'email.to', type_id: 5, type: 'Email Address', value: 'jane.doe@acme.example' },
    {
      name: 'email.urls',
      type_id: 6,
      type: 'URL String',
      value: 'hxxps://invoice-update[.]example/login?session=4471',
    },
  ],
  attacks: [
    { tactic: { uid: 'TA0001', name: 'Initial Access' }, technique: { uid: 'T1566.002', name: 'Spearphishing Link' } },
  ],
  metadata: { product: { vendor_name: 'Microsoft', name: 'Microsoft 365 Defender' }, uid: 'da637f1e0b3c' },
};

const mfaFatigue: AlertInput = {
  class_uid: 3002,
  class_name: 'Authentication',
  category_uid: 3,
  category_name: 'Identity & Access Management',
  activity_id: 1,
  severity_id: 4,
  severity: 'High',
  time: minutes(14),
  message: 'MFA push fatigue: 11 Okta Verify pushes denied, then one accepted from a new device',
  observables: [
    { name: 'user.email_addr', type_id: 5, type: 'Email Address', value: 'Jane.Doe@acme.example' },
    { name: 'src_endpoint.ip', type_id: 2, type: 'IP Address', value: '203.0.113.77' },
  ],
  attacks: [
    {
      tactic: { uid: 'TA0006', name: 'Credential Access' },
      technique: { uid: 'T1621', name: 'MFA Request Generation' },
    },
  ],
  metadata: { product: { vendor_name: 'Okta', name: 'Okta System Log' }, uid: '1c9a2b7e-5d3f-11f0-9d1a-7f1c0e2b3a4d' },
};

const powershellDownload: AlertInput = {
  class_uid: 2004,
  class_name: 'Detection Finding',
  category_uid: 2,
  category_name: 'Findings',
  activity_id: 1,
  severity_id: 5,
  severity: 'Critical',
  time: minutes(21),
  finding_info: {
    uid: 'ldt:4f1c7d0e9a2b4c1d:38654705680',
    title: 'PowerShell downloaded and ran a script from a newly seen domain',
    desc: 'powershell.exe -enc ... fetched https://invoice-update.example/a.ps1 on WS-JDOE-01.',
    types: ['Execution', 'Command and Scripting Interpreter'],
    analytic: { name: 'SuspiciousPowerShellDownload', type_id: 2, type: 'Behavioral' },
  },
  observables: [
    { name: 'device.hostname', type_id: 1, type: 'Hostname', value: 'WS-JDOE-01.corp.acme.example' },
    { name: 'actor.user.name', type_id: 4, type: 'User Name', value: 'ACME\\jane.doe' },
    { name: 'actor.user.email_addr', type_id: 5, type: 'Email Address', value: 'jane.doe@acme.example' },
    {
      name: 'process.file.hashes',
      type_id: 8,
      type: 'Hash',
      value: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
    },
    { name: 'dst_endpoint.domain', type_id: 1, type: 'Hostname', value: 'invoice-update.example' },
  ],
  attacks: [{ tactic: { uid: 'TA0002', name: 'Execution' }, technique: { uid: 'T1059.001', name: 'PowerShell' } }],
  metadata: {
    product: { vendor_name: 'CrowdStrike', name: 'Falcon Insight' },
    uid: 'ldt:4f1c7d0e9a2b4c1d:38654705680',
  },
};

const powershellRedelivered: AlertInput = { ...powershellDownload, time: minutes(23) };

const leakedKey: AlertInput = {
  class_uid: 2004,
  class_name: 'Detection Finding',
  category_uid: 2,
  category_name: 'Findings',
  activity_id: 1,
  severity_id: 4,
  severity: 'High',
  time: minutes(40),
  finding_info: {
    uid: 'guardduty-60c5e8b1a4b2',
    title: 'Credentials of IAM user build-bot used from an unusual address',
    types: ['UnauthorizedAccess:IAMUser/AnomalousBehavior'],
  },
  observables: [
    { name: 'src_endpoint.ip', type_id: 2, type: 'IP Address', value: '198.51.100.23' },
    { name: 'actor.user.name', type_id: 4, type: 'User Name', value: 'build-bot' },
  ],
  resources: [{ uid: 'arn:aws:iam::123456789012:user/build-bot', type: 'AWS::IAM::User', region: 'us-east-1' }],
  attacks: [
    { tactic: { uid: 'TA0001', name: 'Initial Access' }, technique: { uid: 'T1078.004', name: 'Cloud Accounts' } },
  ],
  metadata: { product: { vendor_name: 'Amazon Web Services', name: 'GuardDuty' }, uid: '60c5e8b1a4b2' },
};

const workspaceLogin: AlertInput = {
  class_uid: 2004,
  class_name: 'Detection Finding',
  category_uid: 2,
  category_name: 'Findings',
  activity_id: 1,
  severity_id: 3,
  severity: 'Medium',
  time: minutes(46),
  finding_info: {
    uid: 'gws-alert-7d1e0c2f',
    title: 'Suspicious login blocked for bob@acme.example',
    types: ['Suspicious login'],
  },
  observables: [
    { name: 'user.email_addr', type_id: 5, type: 'Email Address', value: 'bob@acme.example' },
    { name: 'src_endpoint.ip', type_id: 2, type: 'IP Address', value: '198.51.100.23' },
  ],
  metadata: { product: { vendor_name: 'Google', name: 'Workspace Alert Center' }, uid: '7d1e0c2f' },
};

const adminChange: AlertInput = {
  class_uid: 3001,
  class_name: 'Account Change',
  category_uid: 3,
  category_name: 'Identity & Access Management',
  activity_id: 3,
  severity_id: 2,
  severity: 'Low',
  time: minutes(55),
  message: 'Administrator reset the password of a service account',
  observables: [
    { name: 'actor.user.email_addr', type_id: 5, type: 'Email Address', value: 'it-admin@acme.example' },
    { name: 'user.name', type_id: 4, type: 'User Name', value: 'svc-backup' },
  ],
  metadata: { product: { vendor_name: 'Okta', name: 'Okta System Log' }, uid: '8e2f4a10-5d40-11f0-8f3a-3b6d1e9c2a77' },
};

export const sampleAlerts: readonly AlertInput[] = [
  phishingMail,
  mfaFatigue,
  powershellDownload,
  powershellRedelivered,
  leakedKey,
  workspaceLogin,
  adminChange,
];
