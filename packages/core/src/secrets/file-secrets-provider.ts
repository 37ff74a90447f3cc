import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { formatIssuePath } from '../validation.js';
import { ConnectorSecrets } from './connector-secrets.js';
import { SecretsConfigurationError, SecretsNotFoundError, SecretsSourceError } from './secrets-errors.js';
import { type SecretsProvider, tenantCheckedSecrets } from './secrets-provider.js';

export interface FileSecretsOptions {
  /** The folder holding one `<tenantId>.json` per tenant. */
  directory: string;
  /**
   * Skip the ownership and permission checks (files owned by the process's user, readable by it alone). Only for
   * platforms without POSIX modes; the checks are what keep another local account from planting or reading a file.
   */
  skipPermissionChecks?: boolean;
}

/**
 * A tenant's secrets file: it names its tenant, so a file copied or renamed to another tenant's name is refused
 * rather than served as that tenant's.
 */
const SecretsFile = z.strictObject({
  tenant: z.string().min(1),
  connectors: z.record(z.string().min(1), z.record(z.string().min(1), z.string())),
});

/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit: a file name, never a path. */
const fileSafeTenantId = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Secrets from one JSON file per tenant, `<directory>/<tenantId>.json`:
 *
 * ```json
 * { "tenant": "acme", "connectors": { "okta": { "domain": "acme.okta.com", "token": "..." } } }
 * ```
 *
 * Before reading, the provider checks that the file is a regular file (not a symbolic link, which could point
 * at another tenant's file), owned by the user running the process and not readable or writable by group or
 * others (mode 600 or stricter), and that the folder is not writable by group or others. The file is read at
 * each call, so rotating a credential needs no restart. Errors name the file and the field, never a value.
 */
export function fileSecretsProvider(options: FileSecretsOptions): SecretsProvider {
  const checkPermissions = options.skipPermissionChecks !== true && typeof process.getuid === 'function';
  return tenantCheckedSecrets({
    async get(tenantId, connectorId) {
      if (!fileSafeTenantId.test(tenantId)) {
        throw new SecretsConfigurationError(
          `Tenant id "${tenantId.slice(0, 64)}" cannot name a secrets file: use letters, digits, ".", "_" and "-"`,
        );
      }
      const path = join(options.directory, `${tenantId}.json`);
      if (checkPermissions) await checkDirectory(options.directory);
      const text = await readChecked(path, tenantId, connectorId, checkPermissions);
      const file = parseSecretsFile(path, text);
      if (file.tenant !== tenantId) {
        throw new SecretsSourceError(path, `names tenant "${file.tenant}", not "${tenantId}"; refusing to serve it`);
      }
      const values = file.connectors[connectorId];
      if (values === undefined || Object.keys(values).length === 0) {
        throw new SecretsNotFoundError(tenantId, connectorId, `${path} has no "${connectorId}" entry`);
      }
      return new ConnectorSecrets(tenantId, connectorId, values);
    },
  });
}

async function checkDirectory(directory: string): Promise<void> {
  const status = await stat(directory).catch(() => undefined);
  if (status === undefined || !status.isDirectory()) {
    throw new SecretsSourceError(directory, 'is not a readable folder');
  }
  if ((status.mode & 0o022) !== 0) {
    throw new SecretsSourceError(directory, 'is writable by group or others, who could swap a tenant’s file');
  }
}

/** Opens without following links and checks the opened file itself, so nothing can be swapped in between. */
async function readChecked(path: string, tenantId: string, connectorId: string, checkPermissions: boolean) {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SecretsNotFoundError(tenantId, connectorId, `${path} does not exist`);
    if (code === 'ELOOP') throw new SecretsSourceError(path, 'is a symbolic link; a secrets file must be a real file');
    throw new SecretsSourceError(path, `cannot be opened (${code ?? 'unknown error'})`);
  }
  try {
    const status = await handle.stat();
    if (!status.isFile()) throw new SecretsSourceError(path, 'is not a regular file');
    if (checkPermissions) {
      if (status.uid !== process.getuid!()) {
        throw new SecretsSourceError(path, `is owned by user ${status.uid}, not by this process's user`);
      }
      if ((status.mode & 0o077) !== 0) {
        throw new SecretsSourceError(
          path,
          `has mode ${(status.mode & 0o777).toString(8)}; allow its owner alone (chmod 600)`,
        );
      }
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function parseSecretsFile(path: string, text: string): z.output<typeof SecretsFile> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the text around the fault, which may be a credential: say where, not what.
    throw new SecretsSourceError(path, 'is not valid JSON');
  }
  const result = SecretsFile.safeParse(value);
  if (!result.success) {
    // Paths and codes only, no zod message or cause: both could echo part of the input.
    const problems = result.error.issues.map((issue) => `${formatIssuePath(issue.path) || '(root)'} (${issue.code})`);
    throw new SecretsSourceError(path, `does not have the secrets file shape at ${problems.join(', ')}`);
  }
  return result.data;
}
