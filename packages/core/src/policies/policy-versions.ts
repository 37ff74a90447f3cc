import {
  criticalAssetPolicy,
  internalDataPolicy,
  tenantIsolationPolicy,
  vipAccountPolicy,
} from './built-in-policies.js';
import { definePolicy, type Policy } from './policy.js';
import { PolicyCatalog } from './policy-catalog.js';

/**
 * Version 2 of `vip-account-actions`: the same rule, approved by a tier-3 analyst instead of a SOC lead, as the
 * governance issue asks. It is not yet in `builtInPolicies` (the gate's default still applies version 1); a host
 * opts in with `recommendedPolicies`.
 */
export const vipAccountPolicyTierThree: Policy = definePolicy({
  ...vipAccountPolicy.rule!,
  version: 2,
  description: 'Actions on the accounts of VIPs need a tier-3 analyst approving them; reading about them does not.',
  approverRole: 'tier-3',
});

/** Every version of the policies Rampart ships. */
export const builtInPolicyCatalog: PolicyCatalog = new PolicyCatalog([
  tenantIsolationPolicy,
  criticalAssetPolicy,
  vipAccountPolicy,
  vipAccountPolicyTierThree,
  internalDataPolicy,
]);

/** The latest version of each built-in policy. */
export const recommendedPolicies: readonly Policy[] = Object.freeze(builtInPolicyCatalog.current());
