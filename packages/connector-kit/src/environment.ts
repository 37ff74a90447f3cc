import type { AuthDefinition, ConnectorDefinition, Credentials } from './definition.js';
import { ConnectorConfigurationError } from './errors.js';

type Environment = Readonly<Record<string, string | undefined>>;

/** `microsoft-entra-id` + `tenantId` → `RAMPART_MICROSOFT_ENTRA_ID_TENANT_ID`. */
export function environmentName(connectorId: string, key: string): string {
  const words = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_');
  return `RAMPART_${words(connectorId)}_${words(key)}`.toUpperCase();
}

/** The variables each auth type reads, by credential field. */
const credentialKeys: Record<AuthDefinition['type'], readonly string[]> = {
  apiKey: ['apiKey'],
  bearer: ['token'],
  ssws: ['token'],
  basic: ['username', 'password'],
  oauth2ClientCredentials: ['clientId', 'clientSecret'],
  awsSigV4: ['accessKeyId', 'secretAccessKey'],
};

function credentialsOf(method: AuthDefinition, read: (key: string) => string | undefined): Credentials | undefined {
  const values = credentialKeys[method.type].map(read);
  if (values.some((value) => value === undefined)) return undefined;
  const [first, second] = values as string[];
  switch (method.type) {
    case 'apiKey':
      return { type: 'apiKey', key: first! };
    case 'bearer':
      return { type: 'bearer', token: first! };
    case 'ssws':
      return { type: 'ssws', token: first! };
    case 'basic':
      return { type: 'basic', username: first!, password: second! };
    case 'oauth2ClientCredentials': {
      const tenantId = read('tenantId');
      return {
        type: 'oauth2ClientCredentials',
        clientId: first!,
        clientSecret: second!,
        ...(tenantId !== undefined ? { tokenUrlVariables: { tenantId } } : {}),
      };
    }
    case 'awsSigV4': {
      const sessionToken = read('sessionToken');
      return {
        type: 'awsSigV4',
        accessKeyId: first!,
        secretAccessKey: second!,
        ...(sessionToken !== undefined ? { sessionToken } : {}),
      };
    }
  }
}

/**
 * Connector options from environment variables named `RAMPART_<CONNECTOR>_<KEY>`: one per base URL variable
 * (`RAMPART_OKTA_DOMAIN`) and the credential fields of the first auth method whose variables are all set
 * (`RAMPART_OKTA_TOKEN`; `..._API_KEY`; `..._USERNAME`/`..._PASSWORD`; `..._CLIENT_ID`/`..._CLIENT_SECRET`
 * with optional `..._TENANT_ID`; `..._ACCESS_KEY_ID`/`..._SECRET_ACCESS_KEY`/`..._SESSION_TOKEN`). For command-line
 * tools; a host application passes options directly or through its secrets provider.
 */
export function connectorOptionsFromEnvironment(
  definition: ConnectorDefinition,
  environment: Environment = process.env,
): { credentials: Credentials; baseUrlVariables: Record<string, string> } {
  const read = (key: string) => {
    const value = environment[environmentName(definition.id, key)];
    return value === undefined || value === '' ? undefined : value;
  };
  const baseUrlVariables: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, variable] of Object.entries(definition.baseUrlVariables ?? {})) {
    const value = read(name) ?? variable.default;
    if (value === undefined) missing.push(environmentName(definition.id, name));
    else baseUrlVariables[name] = value;
  }
  const methods: readonly AuthDefinition[] = Array.isArray(definition.auth) ? definition.auth : [definition.auth];
  const credentials = methods.map((method) => credentialsOf(method, read)).find((found) => found !== undefined);
  if (credentials === undefined) {
    const choices = methods
      .map((method) => credentialKeys[method.type].map((key) => environmentName(definition.id, key)).join(' + '))
      .join(', or ');
    missing.push(choices);
  }
  if (missing.length > 0) {
    throw new ConnectorConfigurationError(`${definition.id}: set ${missing.join('; ')}`);
  }
  return { credentials: credentials!, baseUrlVariables };
}
