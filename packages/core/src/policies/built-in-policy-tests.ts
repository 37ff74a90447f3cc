import type { GovernanceFactsInput } from './governance.js';
import type { PolicyTestCaseInput } from './policy-test-runner.js';

type TestTool = PolicyTestCaseInput['tool'];

/** The governance the built-in policy tests run with: a critical domain controller, a VIP, internal data. */
export const builtInPolicyTestGovernance: GovernanceFactsInput = {
  criticalAssets: ['host:dc-01.corp.acme.example'],
  vips: ['user:ceo@acme.example'],
  internalOnly: [
    'hash:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'domain:corp.acme.example',
    'ip:10.20.30.40',
  ],
};

const containHost: TestTool = { name: 'containHost', risk: 'contain', capabilities: ['host.contain'] };
const suspendUser: TestTool = { name: 'suspendUser', risk: 'contain', capabilities: ['user.suspend'] };
const lookupHash: TestTool = { name: 'lookupHash', risk: 'read', capabilities: ['hash.reputation'] };
const lookupUrl: TestTool = { name: 'lookupUrl', risk: 'read', capabilities: ['url.reputation'] };
const internalHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * What the policies Rampart recommends (`recommendedPolicies`) must decide, including calls that try to get around
 * them: other spellings of a governed value, values buried deep in the input, another tenant's tool or case. Run
 * them with `assertPolicyTests(recommendedPolicies, builtInPolicyTestCases, { governance: builtInPolicyTestGovernance })`;
 * a tenant copies and extends them for its own policies.
 */
export const builtInPolicyTestCases: readonly PolicyTestCaseInput[] = [
  {
    name: 'a critical server is never isolated without approval',
    tool: containHost,
    input: { hostname: 'dc-01.corp.acme.example' },
    expect: { effect: 'require-approval', approverRole: 'soc-lead', policies: ['critical-asset-containment'] },
  },
  {
    name: 'a critical server named by its short name in upper case is still held',
    tool: containHost,
    input: { hostname: 'DC-01' },
    expect: { effect: 'require-approval', policies: ['critical-asset-containment'] },
  },
  {
    name: 'a critical server named deep inside the input is still held',
    tool: { name: 'runPlaybook', risk: 'destructive' },
    input: { steps: [{ targets: { hosts: ['ws-001', 'dc-01.corp.acme.example'] } }] },
    expect: { effect: 'require-approval', policies: ['critical-asset-containment'] },
  },
  {
    name: 'an ordinary workstation is isolated without approval',
    tool: containHost,
    input: { hostname: 'ws-042.corp.acme.example' },
    expect: { effect: 'allow' },
  },
  {
    name: 'a VIP account needs tier-3 approval',
    tool: suspendUser,
    input: { userId: 'ceo@acme.example' },
    expect: { effect: 'require-approval', approverRole: 'tier-3', policies: ['vip-account-actions@2'] },
  },
  {
    name: 'a VIP account written as DOMAIN\\name in capitals still needs tier-3 approval',
    tool: suspendUser,
    input: { userId: 'ACME\\CEO' },
    expect: { effect: 'require-approval', approverRole: 'tier-3' },
  },
  {
    name: 'reading about a VIP needs no approval',
    tool: { name: 'getUser', risk: 'read' },
    input: { userId: 'ceo@acme.example' },
    expect: { effect: 'allow' },
  },
  {
    name: 'the hash of an internal file never goes to public threat intelligence',
    tool: lookupHash,
    input: { hash: internalHash },
    expect: { effect: 'deny', policies: ['internal-data-stays-internal'] },
  },
  {
    name: 'the internal hash in capitals and with its algorithm prefix is still refused',
    tool: lookupHash,
    input: { hash: internalHash.toUpperCase(), note: 'sha256' },
    expect: { effect: 'deny' },
  },
  {
    name: 'a defanged URL on an internal subdomain is refused',
    tool: lookupUrl,
    input: { url: 'hxxps://wiki[.]corp.acme[.]example/finance' },
    expect: { effect: 'deny' },
  },
  {
    name: 'an internal address is refused',
    tool: { name: 'lookupIp', risk: 'read', capabilities: ['ip.reputation'] },
    input: { ip: '10.20.30.40' },
    expect: { effect: 'deny' },
  },
  {
    name: 'a public hash is looked up',
    tool: lookupHash,
    input: { hash: 'a'.repeat(64) },
    expect: { effect: 'allow' },
  },
  {
    name: "one tenant's tool never runs for another tenant",
    tenantId: 'acme',
    tool: { ...containHost, tenantId: 'globex' },
    input: { hostname: 'ws-1' },
    expect: { effect: 'deny', policies: ['tenant-isolation'] },
  },
  {
    name: "one tenant's case is never worked for another tenant",
    tenantId: 'acme',
    tool: { name: 'getUser', risk: 'read' },
    input: { userId: 'someone@globex.example' },
    case: { id: 'case-9', tenantId: 'globex' },
    expect: { effect: 'deny', policies: ['tenant-isolation'] },
  },
  {
    name: 'deny wins over approval when a call both targets a critical server and crosses tenants',
    tenantId: 'acme',
    tool: { ...containHost, tenantId: 'globex' },
    input: { hostname: 'dc-01' },
    expect: { effect: 'deny', policies: ['tenant-isolation', 'critical-asset-containment'] },
  },
];
