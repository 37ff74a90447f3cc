import {
  type Canonical,
  hasControlCharacter,
  type ObservableIssue,
  issue,
  observableError,
  orThrow,
} from './observable-issue.js';

/**
 * Cloud resources in one form per provider:
 * - AWS ARNs (`arn:partition:service:region:account:resource`): the prefix fields are lower-cased (AWS
 *   defines them in lower case); the resource part is kept verbatim, because AWS resource names are
 *   case-sensitive (`arn:aws:s3:::Bucket` and `...:::bucket` are different buckets).
 * - Azure resource ids (`/subscriptions/<guid>/resourceGroups/...`, `/providers/...`): lower-cased, because
 *   Azure Resource Manager compares them case-insensitively; a trailing `/` is removed.
 * - Google Cloud full resource names (`//compute.googleapis.com/projects/...`): the service host is
 *   lower-cased, the path kept verbatim.
 * - Any other identifier (`i-0abc123`, a GUID): trimmed and kept verbatim, as an opaque provider id.
 */

const maxResourceLength = 2048;

/** The parts of an AWS ARN. */
export interface Arn {
  partition: string;
  service: string;
  /** Empty for global services (IAM, S3 buckets). */
  region: string;
  /** Twelve digits, `aws` for AWS-managed resources, or empty (S3 buckets). */
  accountId: string;
  /** Everything after the fifth `:`, verbatim: `user/alice`, `instance/i-0abc`, `my-bucket/key`. */
  resource: string;
  /** The resource type when the resource part has one (`user` in `user/alice`, `function` in `function:f`). */
  resourceType: string | null;
  /** The resource id within its type (`alice`), or the whole resource part when there is no type. */
  resourceId: string;
}

function isLowerToken(text: string, allowEmpty: boolean): boolean {
  if (text.length === 0) return allowEmpty;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d)) return false;
  }
  return true;
}

function isAccountId(text: string): boolean {
  if (text.length === 0 || text === 'aws') return true;
  if (text.length !== 12) return false;
  for (let index = 0; index < 12; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

function arnParts(text: string): Arn | ObservableIssue {
  const colons: number[] = [];
  for (let index = 0; index < text.length && colons.length < 5; index++) {
    if (text.charCodeAt(index) === 0x3a) colons.push(index);
  }
  if (colons.length < 5) return issue('', 'invalid-format', 'an ARN has six ":"-separated fields');
  const [first, second, third, fourth, fifth] = colons as [number, number, number, number, number];
  if (text.slice(0, first).toLowerCase() !== 'arn') return issue('', 'invalid-format', 'an ARN starts with "arn:"');
  const partition = text.slice(first + 1, second).toLowerCase();
  const service = text.slice(second + 1, third).toLowerCase();
  const region = text.slice(third + 1, fourth).toLowerCase();
  const accountId = text.slice(fourth + 1, fifth).toLowerCase();
  const resource = text.slice(fifth + 1);
  if (!partition.startsWith('aws') || !isLowerToken(partition, false)) {
    return issue('partition', 'invalid-format', `"${partition}" is not an AWS partition (aws, aws-cn, aws-us-gov ...)`);
  }
  if (!isLowerToken(service, false)) return issue('service', 'invalid-format', `"${service}" is not a service name`);
  if (!isLowerToken(region, true)) return issue('region', 'invalid-format', `"${region}" is not a region`);
  if (!isAccountId(accountId)) {
    return issue('accountId', 'invalid-format', `"${accountId}" is not a 12-digit account id`);
  }
  if (resource.length === 0) return issue('resource', 'empty', 'empty resource');
  let typeEnd = -1;
  for (let index = 0; index < resource.length; index++) {
    const code = resource.charCodeAt(index);
    if (code === 0x2f || code === 0x3a) {
      typeEnd = index;
      break;
    }
  }
  return {
    partition,
    service,
    region,
    accountId,
    resource,
    resourceType: typeEnd === -1 ? null : resource.slice(0, typeEnd),
    resourceId: typeEnd === -1 ? resource : resource.slice(typeEnd + 1),
  };
}

function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.accountId}:${arn.resource}`;
}

/**
 * Parses an AWS ARN into its parts. Throws a `ValidationError` naming the bad field (`partition`, `service`,
 * `region`, `accountId`, `resource`).
 */
export function parseArn(raw: string): Arn {
  const parts = arnParts(raw.trim());
  if ('code' in parts) throw observableError('cloud_resource', raw, parts);
  return parts;
}

const guidLength = 36;

function isGuid(text: string): boolean {
  if (text.length !== guidLength) return false;
  for (let index = 0; index < guidLength; index++) {
    const code = text.charCodeAt(index);
    if (index === 8 || index === 13 || index === 18 || index === 23) {
      if (code !== 0x2d) return false;
    } else if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) {
      return false;
    }
  }
  return true;
}

function canonicalAzureId(text: string): Canonical {
  let id = text.toLowerCase();
  while (id.length > 1 && id.endsWith('/')) id = id.slice(0, -1);
  const segments = id.split('/');
  for (let index = 1; index < segments.length; index++) {
    if (segments[index] === '') return issue(`segments[${index - 1}]`, 'empty', 'empty path segment ("//")');
  }
  if (segments[1] === 'subscriptions' && !isGuid(segments[2] ?? '')) {
    return issue('subscriptionId', 'invalid-format', 'the subscription id is not a GUID');
  }
  if (segments.length < 3) return issue('', 'invalid-format', 'an Azure resource id names at least one resource');
  return id;
}

function canonicalGoogleName(text: string): Canonical {
  const slash = text.indexOf('/', 2);
  const host = (slash === -1 ? text.slice(2) : text.slice(2, slash)).toLowerCase();
  if (!host.endsWith('.googleapis.com')) {
    return issue(
      'service',
      'invalid-format',
      'a Google Cloud full resource name starts with //<service>.googleapis.com',
    );
  }
  if (slash === -1 || slash === text.length - 1)
    return issue('', 'invalid-format', 'no resource path after the service');
  return `//${host}${text.slice(slash)}`;
}

/** Which notation a cloud resource id uses, by its prefix. */
export function cloudResourceNotation(text: string): 'aws-arn' | 'azure' | 'gcp' | 'opaque' {
  if (text.length > 4 && text.slice(0, 4).toLowerCase() === 'arn:') return 'aws-arn';
  if (text.startsWith('//')) return 'gcp';
  if (text.charCodeAt(0) === 0x2f) {
    const lower = text.slice(0, 15).toLowerCase();
    if (lower === '/subscriptions/' || lower.startsWith('/providers/')) return 'azure';
  }
  return 'opaque';
}

/** Canonical cloud resource text (no trimming). */
export function canonicalCloudResourceText(text: string): Canonical {
  if (text.length === 0) return issue('', 'empty', 'empty resource id');
  if (text.length > maxResourceLength) return issue('', 'too-long', `longer than ${maxResourceLength} characters`);
  if (hasControlCharacter(text)) return issue('', 'invalid-character', 'contains a control character');
  switch (cloudResourceNotation(text)) {
    case 'aws-arn': {
      const parts = arnParts(text);
      return 'code' in parts ? parts : formatArn(parts);
    }
    case 'azure':
      return canonicalAzureId(text);
    case 'gcp':
      return canonicalGoogleName(text);
    default:
      for (let index = 0; index < text.length; index++) {
        if (text[index]!.trim() === '') return issue('', 'invalid-character', 'whitespace in an opaque resource id');
      }
      return text;
  }
}

export function canonicalCloudResourceOrIssue(raw: string): Canonical {
  return canonicalCloudResourceText(raw.trim());
}

/**
 * The canonical form of a cloud resource id (see the module comment).
 * @example canonicalCloudResource('ARN:AWS:IAM::123456789012:user/Alice') // 'arn:aws:iam::123456789012:user/Alice'
 */
export function canonicalCloudResource(raw: string): string {
  return orThrow('cloud_resource', raw, canonicalCloudResourceOrIssue(raw));
}
