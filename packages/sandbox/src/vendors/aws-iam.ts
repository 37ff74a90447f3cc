import { alertNormalizers, awsIamConnector } from '@rampart/connector-aws-iam';
import { awsIamHandlers } from '@rampart/connector-aws-iam/testing';
import { HttpResponse } from 'msw';
import type { AccessKeyState, World } from '../world/world.js';
import { hexId } from '../world/derived-ids.js';
import { isoSeconds, text } from './responses.js';
import { defineVendorBinding } from './vendor-binding.js';

const namespace = 'https://iam.amazonaws.com/doc/2010-05-08/';

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `{ Key: 'x' }` → `<Key>x</Key>`; arrays become `<member>` lists. */
function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((item) => element('member', item)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([key, child]) => element(key, child))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function xmlResponse(action: string, result: Record<string, unknown> | undefined, requestId: string): Response {
  const inner = result === undefined ? '' : element(`${action}Result`, result);
  const body = `<${action}Response xmlns="${namespace}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return new HttpResponse(body, { headers: { 'content-type': 'text/xml' } });
}

function xmlError(status: number, code: string, message: string, requestId: string): Response {
  const body = `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return new HttpResponse(body, { status, headers: { 'content-type': 'text/xml' } });
}

const requestId = (at: number) => {
  const hex = hexId(`iam-request:${at}`, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

function userNames(world: World): string[] {
  return [...new Set(world.accessKeys.map((key) => key.userName))].sort();
}

function iamUser(world: World, userName: string) {
  const keys = world.accessKeysOf(userName);
  const created = Math.min(...keys.map((key) => key.createdAt));
  return {
    Path: '/',
    UserName: userName,
    UserId: `AIDA${hexId(`iam-user:${userName}`, 16).toUpperCase()}`,
    Arn: `arn:aws:iam::${world.seed.cloud.accountId}:user/${userName}`,
    CreateDate: isoSeconds(created),
  };
}

function keyMetadata(key: AccessKeyState) {
  return {
    UserName: key.userName,
    AccessKeyId: key.accessKeyId,
    Status: key.status,
    CreateDate: isoSeconds(key.createdAt),
  };
}

const action =
  (name: string, status?: string) =>
  ({ body }: { body: unknown }) => {
    const form = (body ?? {}) as Record<string, unknown>;
    return form.Action === name && (status === undefined || form.Status === status);
  };

function noSuchKey(accessKeyId: string, at: number): Response {
  return xmlError(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`, requestId(at));
}

function updateKey(world: World, input: Record<string, unknown>, at: number, status: AccessKeyState['status']) {
  const accessKeyId = text(input, 'AccessKeyId') ?? '';
  const key = world.findAccessKey(accessKeyId);
  if (key === undefined) return noSuchKey(accessKeyId, at);
  world.setAccessKeyStatus(key, status);
  return xmlResponse('UpdateAccessKey', undefined, requestId(at));
}

/** AWS IAM: the users owning the world's access keys, the keys' status and last use (Query API, XML). */
export const awsIamVendor = defineVendorBinding({
  id: 'aws-iam',
  definition: awsIamConnector,
  latencyMs: 180,
  credentials: {
    type: 'awsSigV4',
    region: 'us-east-1',
    accessKeyId: 'AKIASANDBOXIAM000001',
    secretAccessKey: 'sandbox-iam-secret',
  },
  fallbackHandlers: () => awsIamHandlers(),
  alertNormalizers,
  recognizes: {
    listUsers: action('ListUsers'),
    getUser: action('GetUser'),
    listAccessKeys: action('ListAccessKeys'),
    getAccessKeyLastUsed: action('GetAccessKeyLastUsed'),
    deactivateAccessKey: action('UpdateAccessKey', 'Inactive'),
    reactivateAccessKey: action('UpdateAccessKey', 'Active'),
    deleteAccessKey: action('DeleteAccessKey'),
    listAttachedUserPolicies: action('ListAttachedUserPolicies'),
  },
  responders: {
    listUsers: ({ world, at }) =>
      xmlResponse(
        'ListUsers',
        { Users: userNames(world).map((name) => iamUser(world, name)), IsTruncated: false },
        requestId(at),
      ),
    getUser: ({ world, input, at }) => {
      const userName = text(input, 'UserName') ?? '';
      if (!userNames(world).includes(userName)) {
        return xmlError(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`, requestId(at));
      }
      return xmlResponse('GetUser', { User: iamUser(world, userName) }, requestId(at));
    },
    listAccessKeys: ({ world, input, at }) => {
      const userName = text(input, 'UserName') ?? '';
      if (!userNames(world).includes(userName)) {
        return xmlError(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`, requestId(at));
      }
      return xmlResponse(
        'ListAccessKeys',
        { AccessKeyMetadata: world.accessKeysOf(userName).map(keyMetadata), IsTruncated: false },
        requestId(at),
      );
    },
    getAccessKeyLastUsed: ({ world, input, at }) => {
      const accessKeyId = text(input, 'AccessKeyId') ?? '';
      const key = world.findAccessKey(accessKeyId);
      if (key === undefined) return noSuchKey(accessKeyId, at);
      const lastUsed = key.lastUsed;
      return xmlResponse(
        'GetAccessKeyLastUsed',
        {
          AccessKeyLastUsed:
            lastUsed === undefined
              ? { Region: 'N/A', ServiceName: 'N/A' }
              : { Region: lastUsed.region, LastUsedDate: isoSeconds(lastUsed.at), ServiceName: lastUsed.service },
          UserName: key.userName,
        },
        requestId(at),
      );
    },
    deactivateAccessKey: ({ world, input, at }) => updateKey(world, input, at, 'Inactive'),
    reactivateAccessKey: ({ world, input, at }) => updateKey(world, input, at, 'Active'),
    deleteAccessKey: ({ world, input, at }) => {
      const accessKeyId = text(input, 'AccessKeyId') ?? '';
      const key = world.findAccessKey(accessKeyId);
      if (key === undefined) return noSuchKey(accessKeyId, at);
      world.accessKeys.splice(world.accessKeys.indexOf(key), 1);
      return xmlResponse('DeleteAccessKey', undefined, requestId(at));
    },
    listAttachedUserPolicies: ({ world, input, at }) => {
      const userName = text(input, 'UserName') ?? '';
      if (!userNames(world).includes(userName)) {
        return xmlError(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`, requestId(at));
      }
      return xmlResponse(
        'ListAttachedUserPolicies',
        {
          AttachedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
          IsTruncated: false,
        },
        requestId(at),
      );
    },
  },
});
