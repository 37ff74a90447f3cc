import { definePolicy, type Policy } from './policy.js';

/** Capabilities of lookups that send what they are given to a service outside the tenant. */
export const publicLookupCapabilities = [
  'ip.reputation',
  'domain.reputation',
  'url.reputation',
  'hash.reputation',
] as const;

/** A tool bound to one tenant never runs for another tenant's case. The gate always evaluates it. */
export const tenantIsolationPolicy: Policy = definePolicy({
  id: 'tenant-isolation',
  version: 1,
  description:
    'A tool bound to one tenant is never run for another tenant, and a case is only worked for its own tenant.',
  when: { type: 'tenant-mismatch' },
  effect: 'deny',
  reason: 'Tenant isolation',
});

/** Containing or wiping a critical asset always needs a human. */
export const criticalAssetPolicy: Policy = definePolicy({
  id: 'critical-asset-containment',
  version: 1,
  description: 'Critical assets are never contained, isolated or wiped without a human approving it.',
  match: { risks: ['contain', 'destructive'] },
  when: { type: 'input-names', labels: ['critical-asset'] },
  effect: 'require-approval',
  reason: 'The call acts on a critical asset',
  approverRole: 'soc-lead',
});

/** Changing a VIP's account (or anything else named after them) needs a human; tickets and chat do not. */
export const vipAccountPolicy: Policy = definePolicy({
  id: 'vip-account-actions',
  version: 1,
  description: 'Actions on the accounts of VIPs need a human approving them; reading about them does not.',
  match: {
    risks: ['write', 'contain', 'destructive'],
    exceptCapabilities: ['ticket.create', 'ticket.comment', 'chat.post', 'incident.create'],
  },
  when: { type: 'input-names', labels: ['vip'] },
  effect: 'require-approval',
  reason: 'The call acts on a VIP account',
  approverRole: 'soc-lead',
});

/** Internal hashes, domains and addresses never leave for a public threat-intelligence lookup. */
export const internalDataPolicy: Policy = definePolicy({
  id: 'internal-data-stays-internal',
  version: 1,
  description: 'Internal-only data (internal file hashes, domains, addresses) is never sent to a public lookup.',
  match: { capabilities: [...publicLookupCapabilities] },
  when: { type: 'input-names', labels: ['internal-only'] },
  effect: 'deny',
  reason: 'Internal-only data must not be sent to a public lookup',
});

/** The policies the gate applies unless told otherwise. */
export const builtInPolicies: readonly Policy[] = Object.freeze([
  tenantIsolationPolicy,
  criticalAssetPolicy,
  vipAccountPolicy,
  internalDataPolicy,
]);
