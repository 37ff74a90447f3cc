import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createConnector } from '../connector.js';
import { defineConnector } from '../definition.js';
import { createMockVendor } from './mock-vendor.js';
import { type MockServer, startMockServer } from './mock-server.js';

const base = 'https://google.vendor.example';
const Account = z.looseObject({ name: z.string().optional(), disabled: z.boolean().optional() });
const pathParameters = (...names: string[]) => names.map((name) => ({ name, in: 'path' as const }));
const accountInput = z.object({ project: z.string(), account: z.string() });

/**
 * Google-style custom methods: a literal `:verb` right after a path parameter (`{account}:disable`), several verbs
 * on one path (`content:inspect`, `content:deidentify`), and a plain `GET {project}` declared before a
 * `GET {project}:getAncestry` that it must not swallow.
 */
const google = defineConnector({
  id: 'google-custom-methods',
  vendor: 'Google',
  product: 'Custom methods',
  categories: ['cloud'],
  baseUrl: base,
  auth: { type: 'bearer' },
  quotas: [],
  documentation: 'https://cloud.google.com/apis/design/custom_methods',
  operations: {
    getProject: {
      name: 'getProject',
      description: 'Gets a project.',
      method: 'GET',
      path: '/v3/projects/{project}',
      parameters: pathParameters('project'),
      input: z.object({ project: z.string() }),
      output: z.looseObject({}),
      risk: 'read',
      idempotent: true,
    },
    getAncestry: {
      name: 'getAncestry',
      description: 'Gets the ancestry of a project.',
      method: 'GET',
      path: '/v3/projects/{project}:getAncestry',
      parameters: pathParameters('project'),
      input: z.object({ project: z.string() }),
      output: z.looseObject({}),
      risk: 'read',
      idempotent: true,
    },
    disableAccount: {
      name: 'disableAccount',
      description: 'Disables a service account.',
      method: 'POST',
      path: '/v1/projects/{project}/serviceAccounts/{account}:disable',
      parameters: pathParameters('project', 'account'),
      input: accountInput,
      output: Account,
      risk: 'contain',
      idempotent: true,
    },
    enableAccount: {
      name: 'enableAccount',
      description: 'Enables a service account.',
      method: 'POST',
      path: '/v1/projects/{project}/serviceAccounts/{account}:enable',
      parameters: pathParameters('project', 'account'),
      input: accountInput,
      output: Account,
      risk: 'write',
      idempotent: true,
    },
    inspectContent: {
      name: 'inspectContent',
      description: 'Inspects content.',
      method: 'POST',
      path: '/v2/projects/{project}/content:inspect',
      parameters: pathParameters('project'),
      body: { contentType: 'application/json' },
      input: z.object({ project: z.string(), item: z.string() }),
      output: z.looseObject({}),
      risk: 'read',
      idempotent: true,
    },
    deidentifyContent: {
      name: 'deidentifyContent',
      description: 'De-identifies content.',
      method: 'POST',
      path: '/v2/projects/{project}/content:deidentify',
      parameters: pathParameters('project'),
      body: { contentType: 'application/json' },
      input: z.object({ project: z.string(), item: z.string() }),
      output: z.looseObject({}),
      risk: 'read',
      idempotent: true,
    },
  },
});

const vendor = createMockVendor(google, {
  getProject: ({ params }) => ({ operation: 'getProject', project: params.project }),
  getAncestry: ({ params }) => ({ operation: 'getAncestry', project: params.project }),
  disableAccount: ({ params }) => ({ name: params.account, disabled: true }),
  enableAccount: ({ params }) => ({ name: params.account, disabled: false }),
  inspectContent: { respond: { result: 'inspected' } },
  deidentifyContent: { respond: { item: 'deidentified' } },
});
let server: MockServer;
beforeAll(() => {
  server = startMockServer(vendor.handlers);
});
afterEach(() => vendor.reset());
afterAll(() => server.close());

const connect = () => createConnector(google, { credentials: { type: 'bearer', token: 'ya29.token' } });

describe('createMockVendor with custom methods ({param}:verb)', () => {
  it('matches a literal :verb after a path parameter, with the parameter value alone', async () => {
    const connector = connect();
    const account = 'deployer@my-project.iam.gserviceaccount.com';
    expect(await connector.tools.disableAccount({ project: 'my-project', account })).toEqual({
      name: account,
      disabled: true,
    });
    expect(await connector.tools.enableAccount({ project: 'my-project', account })).toEqual({
      name: account,
      disabled: false,
    });
    const [disable, enable] = vendor.requests;
    expect(disable).toMatchObject({
      operation: 'disableAccount',
      method: 'POST',
      params: { project: 'my-project', account },
    });
    expect(enable).toMatchObject({ operation: 'enableAccount', params: { account } });
    // The kit sends the verb unencoded after the percent-encoded value.
    expect(disable!.url.pathname).toBe(
      '/v1/projects/my-project/serviceAccounts/deployer%40my-project.iam.gserviceaccount.com:disable',
    );
    await connector.close();
  });

  it('gives two verbs on the same path distinct routes', async () => {
    const connector = connect();
    expect(await connector.tools.inspectContent({ project: 'p1', item: 'x' })).toEqual({ result: 'inspected' });
    expect(await connector.tools.deidentifyContent({ project: 'p1', item: 'x' })).toEqual({ item: 'deidentified' });
    expect(vendor.requests.map((request) => request.operation)).toEqual(['inspectContent', 'deidentifyContent']);
    expect(vendor.requests[1]!.body).toEqual({ item: 'x' });
    await connector.close();
  });

  it('does not let a plain {param} route swallow a custom method on the same resource', async () => {
    const connector = connect();
    expect(await connector.tools.getAncestry({ project: 'my-project' })).toEqual({
      operation: 'getAncestry',
      project: 'my-project',
    });
    expect(await connector.tools.getProject({ project: 'my-project' })).toEqual({
      operation: 'getProject',
      project: 'my-project',
    });
    await connector.close();
  });

  it('answers raw requests and leaves unknown verbs unhandled', async () => {
    const response = await fetch(`${base}/v1/projects/p/serviceAccounts/a:disable`, { method: 'POST' });
    expect(await response.json()).toEqual({ name: 'a', disabled: true });
    expect(vendor.requestsFor('disableAccount')[0]!.params).toEqual({ project: 'p', account: 'a' });
    await expect(fetch(`${base}/v1/projects/p/serviceAccounts/a:undelete`, { method: 'POST' })).rejects.toThrow();
  });
});
