/**
 * @rampart/connector-aws-iam: AWS IAM tools for SOC agents.
 *
 * IAM's Query API (one URL for every action, XML responses) is beyond the generator, so the tools are hand-written
 * over the kit in `operations.ts` (typed inputs, parsed XML results) and `connector.ts`; the generated part
 * (`src/generated/`, from `manifest.yaml`) supplies the auth, quota, base URL and documentation. IAM emits no
 * alerts, so the connector has no normalizers.
 *
 * Tools: listUsers, getUser (user.profile); listAccessKeys, getAccessKeyLastUsed (cloud.key.details);
 * deactivateAccessKey (contain, cloud.key.deactivate); reactivateAccessKey (write); deleteAccessKey (destructive);
 * listAttachedUserPolicies (read).
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';

export { type AwsIamConnectorOptions, awsIamConnector, createAwsIamConnector } from './connector.js';
export { IamUser, iamOperations } from './operations.js';
export { QueryXmlError, queryResult } from './query-xml.js';

/** IAM emits no alerts or findings (GuardDuty and CloudTrail report on IAM activity). */
export const alertNormalizers: readonly AlertNormalizer[] = [];

/** For symmetry with the other connectors: IAM has no native alert shape, so any alert payload is unrecognized. */
export function normalizeAwsIamAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('aws-iam', alertNormalizers, payload);
}
