import { readFileSync } from 'node:fs';
import {
  ConnectorHttpError,
  VendorNotFoundError,
  silentLogger,
  type Transport,
  type TransportRequest,
} from '@rampart/connector-kit';
import { toAnthropicTools, toMcpTools, toOpenAITools, ValidationError } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { alertNormalizers, createAwsIamConnector, normalizeAwsIamAlerts } from './index.js';

const xml = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

/** A fake IAM endpoint: answers each Query action with its recorded document, as IAM does (text/xml). */
const sent: Array<TransportRequest & { form: URLSearchParams }> = [];
let answers: Record<string, () => { status?: number; body: string }> = {};
const transport: Transport = {
  async send(request) {
    const form = new URLSearchParams(request.body ?? '');
    sent.push({ ...request, form });
    const answer = answers[`${form.get('Action')}${form.get('Marker') ? `@${form.get('Marker')}` : ''}`];
    if (answer === undefined) return { status: 400, headers: { 'content-type': 'text/xml' }, body: '<ErrorResponse/>' };
    const { status = 200, body } = answer();
    return { status, headers: { 'content-type': 'text/xml' }, body };
  },
};

const iam = createAwsIamConnector({
  credentials: { type: 'awsSigV4', accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
  transport,
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});

afterEach(() => {
  sent.length = 0;
  answers = {};
});

describe('IAM Query API calls', () => {
  it('POSTs a signed form with Action and Version to https://iam.amazonaws.com/ and parses the XML', async () => {
    answers = { ListAccessKeys: () => ({ body: xml('list-access-keys.xml') }) };
    const result = await iam.tools.listAccessKeys({ UserName: 'jane.doe' });
    expect(result).toEqual({
      AccessKeyMetadata: [
        {
          UserName: 'jane.doe',
          AccessKeyId: 'AKIAI44QH8DHBEXAMPLE',
          Status: 'Active',
          CreateDate: '2023-02-08T09:14:27Z',
        },
        {
          UserName: 'jane.doe',
          AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
          Status: 'Inactive',
          CreateDate: '2021-11-19T16:02:51Z',
        },
      ],
      IsTruncated: false,
      RequestId: '7a62c49f-347e-4fc4-9331-6e8eEXAMPLE',
    });
    const [request] = sent;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('https://iam.amazonaws.com/');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.accept).toBe('text/xml');
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/iam\/aws4_request/,
    );
    expect(Object.fromEntries(request!.form)).toEqual({
      Action: 'ListAccessKeys',
      Version: '2010-05-08',
      UserName: 'jane.doe',
    });
  });

  it('deactivates a key: UpdateAccessKey with Status Inactive, as containment', async () => {
    answers = { UpdateAccessKey: () => ({ body: xml('update-access-key.xml') }) };
    const tool = iam.tools.deactivateAccessKey;
    expect([tool.risk, tool.idempotent, tool.capabilities, tool.scopes]).toEqual([
      'contain',
      true,
      ['cloud.key.deactivate'],
      ['iam:UpdateAccessKey'],
    ]);
    expect(await tool({ AccessKeyId: 'AKIAI44QH8DHBEXAMPLE', UserName: 'jane.doe' })).toEqual({
      RequestId: '7a62c49f-347e-4fc4-9331-6e8eEXAMPLE',
    });
    expect(Object.fromEntries(sent[0]!.form)).toEqual({
      Action: 'UpdateAccessKey',
      Version: '2010-05-08',
      Status: 'Inactive',
      AccessKeyId: 'AKIAI44QH8DHBEXAMPLE',
      UserName: 'jane.doe',
    });
  });

  it('reactivates a key with Status Active (write) and deletes one permanently (destructive)', async () => {
    answers = {
      UpdateAccessKey: () => ({ body: xml('update-access-key.xml') }),
      DeleteAccessKey: () => ({ body: xml('delete-access-key.xml') }),
    };
    await iam.tools.reactivateAccessKey({ AccessKeyId: 'AKIAI44QH8DHBEXAMPLE' });
    await iam.tools.deleteAccessKey({ AccessKeyId: 'AKIAI44QH8DHBEXAMPLE', UserName: 'jane.doe' });
    expect(sent.map((request) => [request.form.get('Action'), request.form.get('Status')])).toEqual([
      ['UpdateAccessKey', 'Active'],
      ['DeleteAccessKey', null],
    ]);
    expect(iam.tools.reactivateAccessKey.risk).toBe('write');
    expect(iam.tools.deleteAccessKey.risk).toBe('destructive');
    expect(iam.tools.deleteAccessKey.annotations.destructiveHint).toBe(true);
  });

  it('reads key last use, the user and the policies attached to it', async () => {
    answers = {
      GetAccessKeyLastUsed: () => ({ body: xml('get-access-key-last-used.xml') }),
      GetUser: () => ({ body: xml('get-user.xml') }),
      ListAttachedUserPolicies: () => ({ body: xml('list-attached-user-policies.xml') }),
    };
    expect(await iam.tools.getAccessKeyLastUsed({ AccessKeyId: 'AKIAI44QH8DHBEXAMPLE' })).toMatchObject({
      UserName: 'jane.doe',
      AccessKeyLastUsed: { LastUsedDate: '2024-05-14T09:24:00Z', ServiceName: 's3', Region: 'us-east-1' },
    });
    const { User } = await iam.tools.getUser({ UserName: 'jane.doe' });
    expect(User).toMatchObject({
      UserName: 'jane.doe',
      Arn: 'arn:aws:iam::123456789012:user/finance/jane.doe',
      Tags: [
        { Key: 'team', Value: 'finance & payroll' },
        { Key: 'owner', Value: 'jane.doe@acme.example' },
      ],
    });
    const policies = await iam.tools.listAttachedUserPolicies({ UserName: 'jane.doe' });
    expect(policies.AttachedPolicies.map((policy) => policy.PolicyName)).toEqual([
      'AdministratorAccess',
      'FinanceReportsReadOnly',
    ]);
  });

  it('pages through users by Marker', async () => {
    answers = {
      ListUsers: () => ({ body: xml('list-users-page-1.xml') }),
      'ListUsers@AAF3QAAAAAA8Jp2EXAMPLEmarker': () => ({ body: xml('list-users-page-2.xml') }),
    };
    const names: string[] = [];
    for await (const user of iam.paginate('listUsers', { MaxItems: 1 }))
      names.push((user as { UserName: string }).UserName);
    expect(names).toEqual(['jane.doe', 'build-bot']);
    expect(sent.map((request) => request.form.get('Marker'))).toEqual([null, 'AAF3QAAAAAA8Jp2EXAMPLEmarker']);
  });

  it('validates input before calling IAM, naming the field', async () => {
    const error = await iam.tools.deactivateAccessKey({ AccessKeyId: 'not a key!' } as never).catch((caught) => caught);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues[0]?.path).toBe('AccessKeyId');
    expect(sent).toHaveLength(0);
  });

  it('maps IAM errors to the kit taxonomy: NoSuchEntity (404) and Throttling (400)', async () => {
    answers = {
      DeleteAccessKey: () => ({ status: 404, body: xml('error-no-such-entity.xml') }),
      GetUser: () => ({ status: 400, body: xml('error-throttling.xml') }),
    };
    const missing = await iam.tools
      .deleteAccessKey({ AccessKeyId: 'AKIAI44QH8DHBEXAMPLE', UserName: 'jane.doe' })
      .catch((caught) => caught);
    expect(VendorNotFoundError.isInstance(missing)).toBe(true);
    const throttled = await iam.tools.getUser({}).catch((caught) => caught);
    expect(ConnectorHttpError.isInstance(throttled)).toBe(true);
    expect((throttled as ConnectorHttpError).status).toBe(400);
  });

  it('rejects a body that is not the action’s XML document', async () => {
    answers = { GetUser: () => ({ body: xml('list-access-keys.xml') }) };
    await expect(iam.tools.getUser({})).rejects.toThrow(/response does not match/);
  });
});

describe('the IAM tool set', () => {
  it('exports to OpenAI, Anthropic and MCP without Action or Version fields', () => {
    expect(Object.keys(iam.tools).sort()).toEqual([
      'deactivateAccessKey',
      'deleteAccessKey',
      'getAccessKeyLastUsed',
      'getUser',
      'listAccessKeys',
      'listAttachedUserPolicies',
      'listUsers',
      'reactivateAccessKey',
    ]);
    const openAi = toOpenAITools(iam.tools, { fallback: 'non-strict' });
    expect(openAi).toHaveLength(8);
    expect(toAnthropicTools(iam.tools)).toHaveLength(8);
    expect(toMcpTools(iam.tools)).toHaveLength(8);
    expect(JSON.stringify(openAi)).not.toMatch(/"Action"|"Version"/);
  });

  it('emits no alerts', () => {
    expect(alertNormalizers).toEqual([]);
    expect(normalizeAwsIamAlerts([])).toEqual([]);
  });
});
