import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acme, acmeVariables, SECRET_TOKEN, sampleUser } from '../../test/support/acme.js';
import { createConnector } from '../connector.js';
import type { ConnectorDefinition } from '../definition.js';
import { silentLogger } from '../logger.js';
import {
  type ConnectorContractCase,
  type ConnectorContractOptions,
  type ContractTestRunner,
  describeConnectorContract,
} from './connector-contract.js';
import { type MockServer, startMockServer } from './mock-server.js';
import { createMockVendor } from './mock-vendor.js';

/** Acme's contract table, the way codegen writes one for a generated connector. */
const acmeSamples = {
  getUser: sampleUser,
  createIncident: { id: 'inc-1' },
  searchUsers: [sampleUser, { ...sampleUser, id: '00u2' }],
  listAlerts: {
    data: [
      { id: 'a1', severity: 3 },
      { id: 'a2', severity: 5 },
    ],
    meta: { next: null },
  },
  listDevices: { items: [{ id: 'd1' }, { id: 'd2' }, { id: 'd3' }], total: 3 },
  listFindings: { findingIds: ['f1', 'f2'] },
  listTickets: { tickets: [{ id: 1 }, { id: 2 }] },
  listLogs: { entries: ['e1', 'e2', 'e3'] },
};

const acmeSchemas: Record<string, z.ZodType> = Object.fromEntries(
  Object.values(acme.operations).flatMap((operation) => {
    const typeName = operation.name[0]!.toUpperCase() + operation.name.slice(1);
    return [
      [`${typeName}Input`, operation.input],
      [`${typeName}Output`, operation.output],
    ];
  }),
);

const acmeCases: ConnectorContractCase<typeof acme>[] = [
  {
    tool: 'getUser',
    typeName: 'GetUser',
    risk: 'read',
    idempotent: true,
    aliases: ['fetchUser'],
    validInput: { userId: '00u1' },
    wrong: { field: 'userId', value: 12345 },
    request: { method: 'GET', path: '/api/v1/users/00u1', query: [], headers: [] },
  },
  {
    tool: 'suspendUser',
    typeName: 'SuspendUser',
    risk: 'contain',
    idempotent: true,
    aliases: [],
    validInput: { userId: '00u1' },
    wrong: { field: 'userId', value: 12345 },
    request: { method: 'POST', path: '/api/v1/users/00u1/lifecycle/suspend', query: [], headers: [] },
  },
  {
    tool: 'createIncident',
    typeName: 'CreateIncident',
    risk: 'write',
    idempotent: false,
    aliases: [],
    validInput: { title: 'Phishing wave', severity: 3, requestId: 'request-1' },
    wrong: { field: 'title', value: 12345 },
    request: {
      method: 'POST',
      path: '/api/v1/incidents',
      query: [],
      headers: ['x-request-id'],
      body: { keys: ['title', 'severity'] },
    },
  },
  {
    tool: 'searchUsers',
    typeName: 'SearchUsers',
    risk: 'read',
    idempotent: true,
    aliases: [],
    validInput: { query: 'profile.login sw "ana"', statuses: ['ACTIVE'], limit: 2 },
    wrong: { field: 'query', value: 12345 },
    request: { method: 'GET', path: '/api/v1/users', query: ['q', 'status', 'limit'], headers: [] },
    pageInput: {},
  },
  {
    tool: 'listAlerts',
    typeName: 'ListAlerts',
    risk: 'read',
    idempotent: true,
    aliases: [],
    validInput: { pageSize: 2 },
    wrong: { field: 'pageSize', value: 'two' },
    request: { method: 'GET', path: '/api/v2/alerts', query: ['page_size'], headers: [] },
    pageInput: {},
    itemsPath: 'data',
  },
  {
    tool: 'listDevices',
    typeName: 'ListDevices',
    risk: 'read',
    idempotent: true,
    aliases: [],
    validInput: { offset: 0, limit: 2 },
    wrong: { field: 'offset', value: 'zero' },
    request: { method: 'GET', path: '/api/v1/devices', query: ['offset', 'limit'], headers: [] },
    pageInput: {},
    itemsPath: 'items',
  },
  {
    tool: 'listFindings',
    typeName: 'ListFindings',
    risk: 'read',
    idempotent: true,
    aliases: [],
    validInput: { maxResults: 2 },
    wrong: { field: 'maxResults', value: 'two' },
    request: { method: 'POST', path: '/findings/list', query: [], headers: [], body: { keys: ['maxResults'] } },
    pageInput: {},
    itemsPath: 'findingIds',
  },
  {
    tool: 'listTickets',
    typeName: 'ListTickets',
    risk: 'read',
    idempotent: true,
    aliases: [],
    validInput: { page: 1, perPage: 2 },
    wrong: { field: 'page', value: 'one' },
    request: { method: 'GET', path: '/api/v1/tickets', query: ['page', 'per_page'], headers: [] },
  },
  {
    tool: 'listLogs',
    typeName: 'ListLogs',
    risk: 'read',
    idempotent: true,
    aliases: [],
    validInput: {},
    wrong: { value: 'not-an-object' },
    request: { method: 'GET', path: '/api/v1/logs', query: [], headers: [] },
    pageInput: {},
    itemsPath: 'entries',
  },
];

function createAcmeVendor() {
  return createMockVendor(
    acme,
    {
      getUser: { respond: acmeSamples.getUser },
      createIncident: { respond: acmeSamples.createIncident },
      searchUsers: { items: acmeSamples.searchUsers, pageSize: 1 },
      listAlerts: { items: acmeSamples.listAlerts.data, pageSize: 1 },
      listDevices: { items: acmeSamples.listDevices.items, pageSize: 1 },
      listFindings: { items: acmeSamples.listFindings.findingIds, pageSize: 1 },
      listTickets: { items: acmeSamples.listTickets.tickets, pageSize: 1 },
      listLogs: { items: acmeSamples.listLogs.entries, pageSize: 1 },
    },
    { baseUrlVariables: acmeVariables },
  );
}

function connectAcme() {
  return createConnector(acme, {
    credentials: { type: 'ssws', token: SECRET_TOKEN },
    baseUrlVariables: acmeVariables,
    logger: silentLogger,
    retry: { maxAttempts: 1 },
  });
}

describe('describeConnectorContract, registered with vitest, on the Acme test vendor', () => {
  describeConnectorContract({
    runner: { afterAll, afterEach, beforeAll, describe, expect, it },
    connector: connectAcme(),
    vendor: createAcmeVendor(),
    schemas: acmeSchemas,
    samples: acmeSamples,
    cases: acmeCases,
  });
});

type AcmeContract = ConnectorContractOptions<ConnectorDefinition>;

/**
 * Registers the suite with a stand-in runner (describe and it only collect; hooks run around the tests as
 * vitest runs them) and runs it, so a test can see which checks a wrong table fails. `expect` is vitest's:
 * a failed assertion throws, and the harness records the message.
 */
async function runContract(overrides: Partial<AcmeContract> = {}): Promise<Map<string, string | undefined>> {
  const tests: { name: string; body: () => Promise<void> | void }[] = [];
  const hooks = { beforeAll: [] as Hook[], afterEach: [] as Hook[], afterAll: [] as Hook[] };
  const scope: string[] = [];
  const runner: ContractTestRunner = {
    describe(name, body) {
      scope.push(name);
      body();
      scope.pop();
    },
    it: (name, body) => void tests.push({ name: [...scope, name].join(' > '), body }),
    expect,
    beforeAll: (hook) => void hooks.beforeAll.push(hook),
    afterEach: (hook) => void hooks.afterEach.push(hook),
    afterAll: (hook) => void hooks.afterAll.push(hook),
  };
  describeConnectorContract({
    runner,
    connector: connectAcme(),
    vendor: createAcmeVendor(),
    schemas: acmeSchemas,
    samples: acmeSamples,
    cases: acmeCases,
    ...overrides,
  } as AcmeContract);
  const outcomes = new Map<string, string | undefined>();
  for (const hook of hooks.beforeAll) await hook();
  for (const test of tests) {
    try {
      await test.body();
      outcomes.set(test.name, undefined);
    } catch (error) {
      outcomes.set(test.name, error instanceof Error ? error.message : String(error));
    }
    for (const hook of hooks.afterEach) await hook();
  }
  for (const hook of hooks.afterAll) await hook();
  return outcomes;
}
type Hook = () => Promise<void> | void;

const failuresOf = (outcomes: Map<string, string | undefined>) =>
  [...outcomes].filter(([, failure]) => failure !== undefined).map(([name]) => name);

/** The table with one field of one case replaced. */
function withCase(tool: string, change: (contract: ConnectorContractCase) => ConnectorContractCase) {
  return (acmeCases as ConnectorContractCase[]).map((contract) =>
    contract.tool === tool ? change(contract) : contract,
  );
}

describe('describeConnectorContract, driven by a harness', () => {
  it('registers every check of every case, and a correct table passes them all', async () => {
    const outcomes = await runContract();
    expect(failuresOf(outcomes)).toEqual([]);
    const names = [...outcomes.keys()];
    expect(names.filter((name) => name.startsWith('getUser > '))).toEqual([
      'getUser > has a description a model can choose by',
      'getUser > declares the risk and idempotency the manifest gives it',
      'getUser > accepts a generated valid input',
      'getUser > rejects a wrong type, naming the field, before calling the vendor',
      'getUser > calls the vendor through the kit and returns data that passes the output schema',
    ]);
    expect(names.filter((name) => !/^\w+ > /.test(name))).toEqual([
      'searchUsers pagination > pages through every sample item, one page per item',
      'listAlerts pagination > pages through every sample item, one page per item',
      'listDevices pagination > pages through every sample item, one page per item',
      'listFindings pagination > pages through every sample item, one page per item',
      'listLogs pagination > pages through every sample item, one page per item',
      'getUser deprecated names > stay callable, with the same risk',
      'the tool set > has one case per operation',
      'the tool set > exports to OpenAI, Anthropic and MCP tool formats',
    ]);
    expect(names).toHaveLength(acmeCases.length * 5 + 5 + 1 + 2);
  });

  const wrongTables: [string, () => Partial<AcmeContract>, string[]][] = [
    [
      'a risk the tool does not declare',
      () => ({ cases: withCase('suspendUser', (contract) => ({ ...contract, risk: 'read' })) }),
      ['suspendUser > declares the risk and idempotency the manifest gives it'],
    ],
    [
      'an idempotency the tool does not declare',
      () => ({ cases: withCase('createIncident', (contract) => ({ ...contract, idempotent: true })) }),
      ['createIncident > declares the risk and idempotency the manifest gives it'],
    ],
    [
      'a valid input the input schema rejects',
      () => ({ cases: withCase('listTickets', (contract) => ({ ...contract, validInput: { page: 'one' } })) }),
      [
        'listTickets > accepts a generated valid input',
        'listTickets > calls the vendor through the kit and returns data that passes the output schema',
      ],
    ],
    [
      'a "wrong" value the tool accepts',
      () => ({
        cases: withCase('getUser', (contract) => ({ ...contract, wrong: { field: 'userId', value: '00u9' } })),
      }),
      ['getUser > rejects a wrong type, naming the field, before calling the vendor'],
    ],
    [
      'a wrong value reported under another field than the one named',
      () => ({
        cases: withCase('createIncident', (contract) => ({
          ...contract,
          validInput: { title: 12345, severity: 3 },
          wrong: { field: 'severity', value: 'high' },
        })),
      }),
      [
        'createIncident > accepts a generated valid input',
        'createIncident > rejects a wrong type, naming the field, before calling the vendor',
        'createIncident > calls the vendor through the kit and returns data that passes the output schema',
      ],
    ],
    [
      'an output schema the response does not match',
      () => ({ schemas: { ...acmeSchemas, GetUserOutput: z.object({ id: z.number() }) } }),
      ['getUser > calls the vendor through the kit and returns data that passes the output schema'],
    ],
    [
      'a missing schema',
      () => ({ schemas: { ...acmeSchemas, ListLogsInput: undefined } }),
      [
        'listLogs > accepts a generated valid input',
        'listLogs > rejects a wrong type, naming the field, before calling the vendor',
      ],
    ],
    [
      'a request method the vendor does not receive',
      () => ({
        cases: withCase('getUser', (contract) => ({ ...contract, request: { ...contract.request, method: 'PUT' } })),
      }),
      ['getUser > calls the vendor through the kit and returns data that passes the output schema'],
    ],
    [
      'a request path the vendor does not receive',
      () => ({
        cases: withCase('getUser', (contract) => ({
          ...contract,
          request: { ...contract.request, path: '/api/v1/users/00u2' },
        })),
      }),
      ['getUser > calls the vendor through the kit and returns data that passes the output schema'],
    ],
    [
      'a query parameter the vendor does not receive',
      () => ({
        cases: withCase('searchUsers', (contract) => ({
          ...contract,
          request: { ...contract.request, query: [...contract.request.query, 'sortBy'] },
        })),
      }),
      ['searchUsers > calls the vendor through the kit and returns data that passes the output schema'],
    ],
    [
      'a header the vendor does not receive',
      () => ({
        cases: withCase('createIncident', (contract) => ({
          ...contract,
          request: { ...contract.request, headers: ['x-request-id', 'x-correlation-id'] },
        })),
      }),
      ['createIncident > calls the vendor through the kit and returns data that passes the output schema'],
    ],
    [
      'a body key the vendor does not receive',
      () => ({
        cases: withCase('createIncident', (contract) => ({
          ...contract,
          request: { ...contract.request, body: { keys: ['title', 'priority'] } },
        })),
      }),
      ['createIncident > calls the vendor through the kit and returns data that passes the output schema'],
    ],
    [
      'a whole-body field whose value the vendor does not receive',
      () => ({
        cases: withCase('createIncident', (contract) => ({
          ...contract,
          request: { ...contract.request, body: { field: 'title' } },
        })),
      }),
      ['createIncident > calls the vendor through the kit and returns data that passes the output schema'],
    ],
    [
      'pages that do not hold the sample items',
      () => ({ cases: withCase('listAlerts', (contract) => ({ ...contract, itemsPath: 'meta' })) }),
      ['listAlerts pagination > pages through every sample item, one page per item'],
    ],
    [
      'samples that differ from what the vendor serves',
      () => ({ samples: { ...acmeSamples, listLogs: { entries: ['e1', 'e2'] } } }),
      ['listLogs pagination > pages through every sample item, one page per item'],
    ],
    [
      'pagination of an operation that does not paginate',
      () => ({ cases: withCase('getUser', (contract) => ({ ...contract, pageInput: { userId: '00u1' } })) }),
      ['getUser pagination > pages through every sample item, one page per item'],
    ],
    [
      'a deprecated name that is not a tool',
      () => ({ cases: withCase('getUser', (contract) => ({ ...contract, aliases: ['fetchUser', 'readUser'] })) }),
      ['getUser deprecated names > stay callable, with the same risk'],
    ],
    [
      'an operation without a case',
      () => ({ cases: acmeCases.filter((contract) => contract.tool !== 'listLogs') }),
      ['the tool set > has one case per operation'],
    ],
  ];

  it.each(wrongTables)('fails on %s, in the check that covers it', async (_name, overrides, failures) => {
    const outcomes = await runContract(overrides());
    expect(failuresOf(outcomes)).toEqual(failures);
    for (const failure of failures) expect(outcomes.get(failure)).toBeTruthy();
  });

  it('closes the connector, and the server it was given, after all tests', async () => {
    const connector = connectAcme();
    const vendor = createAcmeVendor();
    const started = startMockServer(vendor.handlers);
    let closed = 0;
    const server: MockServer = {
      ...started,
      close: () => {
        closed++;
        started.close();
      },
    };
    await runContract({ connector, vendor, server });
    expect(closed).toBe(1);
    await expect(connector.tools.getUser({ userId: '00u1' })).rejects.toThrow(/closed/);
  });
});
