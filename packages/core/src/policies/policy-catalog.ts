import { canonicalJson } from '../audit/canonical-json.js';
import { RampartError } from '../errors.js';
import type { Policy } from './policy.js';

/** A policy version was added twice with different rules, or older than one already there. */
export class PolicyVersionError extends RampartError {
  override readonly name = 'PolicyVersionError';
  constructor(
    readonly policyId: string,
    readonly version: number,
    message: string,
  ) {
    super(`Policy ${policyId}@${version}: ${message}`);
  }
  static override isInstance(value: unknown): value is PolicyVersionError {
    return RampartError.isInstance(value) && value.name === 'PolicyVersionError';
  }
}

/**
 * Every version of every policy a deployment has used, so an audited decision that names `policyId@version` can
 * always be resolved to the rule that made it, and a changed rule can never reuse an old version number. A
 * version is immutable: adding it again with the same rule is a no-op, with another rule an error.
 */
export class PolicyCatalog {
  private readonly versions = new Map<string, Map<number, Policy>>();

  constructor(policies: Iterable<Policy> = []) {
    for (const policy of policies) this.add(policy);
  }

  /** Adds one version. Throws `PolicyVersionError` if that version exists with another rule. */
  add(policy: Policy): this {
    let byVersion = this.versions.get(policy.id);
    if (byVersion === undefined) {
      byVersion = new Map();
      this.versions.set(policy.id, byVersion);
    }
    const existing = byVersion.get(policy.version);
    if (existing !== undefined) {
      if (existing === policy) return this;
      if (
        existing.rule === undefined ||
        policy.rule === undefined ||
        canonicalJson(existing.rule) !== canonicalJson(policy.rule)
      ) {
        throw new PolicyVersionError(
          policy.id,
          policy.version,
          'this version already exists with another rule; raise the version',
        );
      }
      return this;
    }
    byVersion.set(policy.version, policy);
    return this;
  }

  /** The policy at exactly this version, or `undefined`. */
  get(policyId: string, version: number): Policy | undefined {
    return this.versions.get(policyId)?.get(version);
  }

  /** The highest version of a policy, or `undefined`. */
  latest(policyId: string): Policy | undefined {
    const byVersion = this.versions.get(policyId);
    if (byVersion === undefined) return undefined;
    return byVersion.get(Math.max(...byVersion.keys()));
  }

  /** Versions of one policy, oldest first. */
  history(policyId: string): Policy[] {
    return [...(this.versions.get(policyId)?.values() ?? [])].sort((a, b) => a.version - b.version);
  }

  /** The latest version of every policy, by id. */
  current(): Policy[] {
    return [...this.versions.keys()].sort().map((id) => this.latest(id)!);
  }
}
