import type { OperationDefinition, PaginationDefinition } from '@rampart/connector-kit';
import type { Capability, Risk } from '@rampart/core/connector';
import { z } from 'zod';
import { queryResult } from './query-xml.js';

/**
 * The IAM actions a SOC uses, as kit operations. IAM is an AWS Query API (documented at
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/programming.html): each action is a form-encoded POST to
 * https://iam.amazonaws.com/ with `Action` and `Version=2010-05-08` beside its own parameters, answered by an XML
 * document. The generator cannot express that (one URL for every action), so the definitions are written here: the
 * input schema adds Action and Version after validation (models never see them), and the output schema parses the
 * XML result into a typed object. Field names are IAM's own; see each action's page in the API reference
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_<Action>.html).
 */

const version = '2010-05-08';

const userName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w+=,.@-]+$/, 'an IAM user name: letters, digits and _+=,.@-');
const accessKeyId = z.string().min(16).max(128).regex(/^\w+$/, 'an access key ID such as AKIAIOSFODNN7EXAMPLE');
const marker = z.string().min(1).max(320).describe('The Marker of the previous page, to continue listing.');
const maxItems = z.number().int().min(1).max(1000).describe('Items per page (default 100, at most 1000).');

/** `<member>` lists: absent when empty. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .optional()
    .transform((items) => items ?? []);
const truncated = z
  .stringbool()
  .optional()
  .transform((value) => value ?? false);

const AccessKeyMetadata = z.looseObject({
  UserName: z.string().optional(),
  AccessKeyId: z.string(),
  Status: z.string().describe('Active, Inactive or Expired.'),
  CreateDate: z.string().optional(),
});

const Tag = z.looseObject({ Key: z.string(), Value: z.string().optional() });

export const IamUser = z.looseObject({
  Path: z.string().optional(),
  UserName: z.string(),
  UserId: z.string(),
  Arn: z.string(),
  CreateDate: z.string().optional(),
  PasswordLastUsed: z.string().optional().describe('Absent when the user never signed in with a password.'),
  PermissionsBoundary: z
    .looseObject({ PermissionsBoundaryType: z.string().optional(), PermissionsBoundaryArn: z.string().optional() })
    .optional(),
  Tags: list(Tag),
});

const AttachedPolicy = z.looseObject({ PolicyName: z.string(), PolicyArn: z.string() });

/** The XML body of `action`, parsed and typed by `result`. */
function xmlResult<T extends z.ZodType<unknown, Record<string, unknown>>>(action: string, result: T) {
  return z
    .string()
    .transform((xml, context) => {
      try {
        return queryResult(action, xml);
      } catch (error) {
        context.addIssue({ code: 'custom', message: `not a ${action} XML response: ${(error as Error).message}` });
        return z.NEVER;
      }
    })
    .pipe(result);
}

interface QuerySpec<S extends z.ZodRawShape, R extends z.ZodType<unknown, Record<string, unknown>>> {
  name: string;
  action: string;
  description: string;
  input: S;
  result: R;
  risk: Risk;
  idempotent: boolean;
  capabilities: Capability[];
  /** Parameters the action always sends (UpdateAccessKey's Status). */
  fixed?: Record<string, string>;
}

function queryOperation<const S extends z.ZodRawShape, R extends z.ZodType<unknown, Record<string, unknown>>>(
  spec: QuerySpec<S, R>,
) {
  const input = z
    .object(spec.input)
    .transform((fields) => ({ Action: spec.action, Version: version, ...spec.fixed, ...fields }));
  return {
    name: spec.name,
    operationId: spec.action,
    description: spec.description,
    method: 'POST',
    path: '/',
    parameters: [],
    body: { contentType: 'application/x-www-form-urlencoded' },
    input,
    output: xmlResult(spec.action, spec.result),
    risk: spec.risk,
    idempotent: spec.idempotent,
    scopes: [`iam:${spec.action}`],
    capabilities: spec.capabilities,
  } as const satisfies OperationDefinition;
}

/** A listing action that pages by IAM's Marker (sent back in the form) until IsTruncated is false. */
function paged<O extends OperationDefinition>(operation: O, itemsPath: string) {
  const pagination: PaginationDefinition = {
    style: 'next-token',
    tokenParameter: 'Marker',
    tokenPath: 'Marker',
    tokenIn: 'body',
    itemsPath,
  };
  return { ...operation, pagination } as const;
}

const keyOwner = userName
  .optional()
  .describe('The user who owns the key; omit it only for keys of the user whose credentials sign the call.');

export const iamOperations = {
  listUsers: paged(
    queryOperation({
      name: 'listUsers',
      action: 'ListUsers',
      description:
        'Lists the IAM users of the AWS account (name, ID, ARN, path, creation date, last password use), optionally ' +
        'under a path prefix such as /engineering/. Pages follow Marker.',
      input: {
        PathPrefix: z.string().min(1).max(512).optional().describe('Only users under this path, e.g. /division_abc/.'),
        Marker: marker.optional(),
        MaxItems: maxItems.optional(),
      },
      result: z.looseObject({
        Users: list(IamUser),
        IsTruncated: truncated,
        Marker: z.string().optional(),
        RequestId: z.string().optional(),
      }),
      risk: 'read',
      idempotent: true,
      capabilities: ['user.profile'],
    }),
    'Users',
  ),
  getUser: queryOperation({
    name: 'getUser',
    action: 'GetUser',
    description:
      'Gets one IAM user: ID, ARN, path, creation date, when its password was last used, permissions boundary and ' +
      'tags (owner, team ...). Use it to judge an account named in a finding before acting on its keys.',
    input: { UserName: userName.optional().describe('The IAM user; omit it for the user whose credentials sign.') },
    result: z.looseObject({ User: IamUser, RequestId: z.string().optional() }),
    risk: 'read',
    idempotent: true,
    capabilities: ['user.profile'],
  }),
  listAccessKeys: paged(
    queryOperation({
      name: 'listAccessKeys',
      action: 'ListAccessKeys',
      description:
        'Lists the access keys of an IAM user (at most two): key ID, status (Active, Inactive) and creation date. ' +
        'Use it to find which key of a user a finding names, or whether a user has a second active key.',
      input: {
        UserName: keyOwner,
        Marker: marker.optional(),
        MaxItems: maxItems.optional(),
      },
      result: z.looseObject({
        AccessKeyMetadata: list(AccessKeyMetadata),
        IsTruncated: truncated,
        Marker: z.string().optional(),
        RequestId: z.string().optional(),
      }),
      risk: 'read',
      idempotent: true,
      capabilities: ['cloud.key.details'],
    }),
    'AccessKeyMetadata',
  ),
  getAccessKeyLastUsed: queryOperation({
    name: 'getAccessKeyLastUsed',
    action: 'GetAccessKeyLastUsed',
    description:
      'Tells who owns an access key and when, where and for which AWS service it was last used (ServiceName and ' +
      'Region are N/A when it never was). Use it to check whether a leaked key was used before containing it.',
    input: { AccessKeyId: accessKeyId.describe('The access key ID, e.g. AKIAIOSFODNN7EXAMPLE.') },
    result: z.looseObject({
      UserName: z.string().optional(),
      AccessKeyLastUsed: z
        .looseObject({
          LastUsedDate: z.string().optional(),
          ServiceName: z.string().optional(),
          Region: z.string().optional(),
        })
        .optional(),
      RequestId: z.string().optional(),
    }),
    risk: 'read',
    idempotent: true,
    capabilities: ['cloud.key.details'],
  }),
  deactivateAccessKey: queryOperation({
    name: 'deactivateAccessKey',
    action: 'UpdateAccessKey',
    description:
      'Deactivates an IAM access key (status Inactive): every call signed with it fails from then on, but the key ' +
      'still exists and reactivateAccessKey restores it. Containment for a leaked or misused key.',
    input: {
      AccessKeyId: accessKeyId.describe('The access key to deactivate.'),
      UserName: keyOwner,
    },
    fixed: { Status: 'Inactive' },
    result: z.looseObject({ RequestId: z.string().optional() }),
    risk: 'contain',
    idempotent: true,
    capabilities: ['cloud.key.deactivate'],
  }),
  reactivateAccessKey: queryOperation({
    name: 'reactivateAccessKey',
    action: 'UpdateAccessKey',
    description:
      'Reactivates an Inactive IAM access key (status Active) so calls signed with it work again. Use it to undo ' +
      'deactivateAccessKey once the key is cleared.',
    input: {
      AccessKeyId: accessKeyId.describe('The access key to reactivate.'),
      UserName: keyOwner,
    },
    fixed: { Status: 'Active' },
    result: z.looseObject({ RequestId: z.string().optional() }),
    risk: 'write',
    idempotent: true,
    capabilities: ['cloud.key.reactivate'],
  }),
  deleteAccessKey: queryOperation({
    name: 'deleteAccessKey',
    action: 'DeleteAccessKey',
    description:
      'Permanently deletes an IAM access key: it cannot be restored, and anything still using it breaks. Prefer ' +
      'deactivateAccessKey; delete only once the key is confirmed compromised and unused.',
    input: {
      AccessKeyId: accessKeyId.describe('The access key to delete.'),
      UserName: keyOwner,
    },
    result: z.looseObject({ RequestId: z.string().optional() }),
    risk: 'destructive',
    idempotent: true,
    capabilities: ['cloud.key.delete'],
  }),
  listAttachedUserPolicies: paged(
    queryOperation({
      name: 'listAttachedUserPolicies',
      action: 'ListAttachedUserPolicies',
      description:
        'Lists the managed policies attached directly to an IAM user (name and ARN, e.g. AdministratorAccess), to ' +
        'judge what a compromised key of that user can do. Policies from groups are not included. Pages follow Marker.',
      input: {
        UserName: userName.describe('The IAM user.'),
        PathPrefix: z.string().min(1).max(512).optional().describe('Only policies under this path.'),
        Marker: marker.optional(),
        MaxItems: maxItems.optional(),
      },
      result: z.looseObject({
        AttachedPolicies: list(AttachedPolicy),
        IsTruncated: truncated,
        Marker: z.string().optional(),
        RequestId: z.string().optional(),
      }),
      risk: 'read',
      idempotent: true,
      capabilities: ['user.permissions'],
    }),
    'AttachedPolicies',
  ),
} as const;
