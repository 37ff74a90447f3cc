import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSecretsProvider } from './file-secrets-provider.js';
import { SecretsConfigurationError, SecretsNotFoundError, SecretsSourceError } from './secrets-errors.js';

const root = mkdtempSync(join(tmpdir(), 'rampart-secrets-'));
let folders = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh folder (mode 700) holding the given files (mode 600 unless said otherwise). */
function folderWith(files: Record<string, { content: string; mode?: number }>): string {
  const directory = join(root, `case-${++folders}`);
  mkdirSync(directory, { mode: 0o700 });
  chmodSync(directory, 0o700);
  for (const [name, file] of Object.entries(files)) {
    writeFileSync(join(directory, name), file.content);
    chmodSync(join(directory, name), file.mode ?? 0o600);
  }
  return directory;
}

const secretsOf = (tenant: string, token: string) =>
  JSON.stringify({ tenant, connectors: { okta: { domain: `${tenant}.okta.com`, token } } });

/** The error `promise` rejects with, checked to carry no trace of `secret` however it is printed. */
async function failure(promise: Promise<unknown>, secret: string): Promise<unknown> {
  const error = await promise.then(
    () => expect.fail('expected a rejection'),
    (caught: unknown) => caught,
  );
  expect(String(error)).not.toContain(secret);
  expect(inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })).not.toContain(secret);
  expect(JSON.stringify(error)).not.toContain(secret);
  return error;
}

describe('fileSecretsProvider', () => {
  it('reads a tenant’s connector from <directory>/<tenant>.json', async () => {
    const directory = folderWith({
      'acme.json': { content: secretsOf('acme', 'token-of-acme') },
      'globex.json': { content: secretsOf('globex', 'token-of-globex') },
    });
    const provider = fileSecretsProvider({ directory });
    expect((await provider.get('acme', 'okta')).reveal()).toEqual({ domain: 'acme.okta.com', token: 'token-of-acme' });
    expect((await provider.get('globex', 'okta')).require('token').reveal()).toBe('token-of-globex');
    await expect(provider.get('acme', 'crowdstrike-falcon')).rejects.toThrow(SecretsNotFoundError);
    await expect(provider.get('initech', 'okta')).rejects.toThrow(/initech\.json does not exist/);
  });

  it('refuses another tenant’s file copied, or linked, under this tenant’s name', async () => {
    const directory = folderWith({ 'globex.json': { content: secretsOf('globex', 'token-of-globex') } });
    copyFileSync(join(directory, 'globex.json'), join(directory, 'acme.json'));
    chmodSync(join(directory, 'acme.json'), 0o600);
    const provider = fileSecretsProvider({ directory });
    const copied = await failure(provider.get('acme', 'okta'), 'token-of-globex');
    expect(SecretsSourceError.isInstance(copied)).toBe(true);
    expect(String(copied)).toMatch(/names tenant "globex", not "acme"/);

    rmSync(join(directory, 'acme.json'));
    symlinkSync(join(directory, 'globex.json'), join(directory, 'acme.json'));
    expect(String(await failure(provider.get('acme', 'okta'), 'token-of-globex'))).toMatch(/symbolic link/);
  });

  it('refuses tenant ids that would reach outside the folder', async () => {
    const directory = folderWith({});
    folderWith({ 'globex.json': { content: secretsOf('globex', 'token-of-globex') } });
    const provider = fileSecretsProvider({ directory });
    for (const tenantId of ['../case-' + String(folders) + '/globex', '..', '.hidden', 'a/b', '']) {
      const error = await failure(provider.get(tenantId, 'okta'), 'token-of-globex');
      expect(SecretsConfigurationError.isInstance(error), tenantId).toBe(true);
    }
  });

  it('refuses a file others can read or a folder others can write, naming the fix', async () => {
    const readable = folderWith({ 'acme.json': { content: secretsOf('acme', 'token-of-acme'), mode: 0o644 } });
    const error = await failure(fileSecretsProvider({ directory: readable }).get('acme', 'okta'), 'token-of-acme');
    expect(String(error)).toMatch(/mode 644; allow its owner alone \(chmod 600\)/);

    const writable = folderWith({ 'acme.json': { content: secretsOf('acme', 'token-of-acme') } });
    chmodSync(writable, 0o777);
    await expect(fileSecretsProvider({ directory: writable }).get('acme', 'okta')).rejects.toThrow(
      /writable by group or others/,
    );
  });

  it('reports a malformed file by place, never quoting the credential in it', async () => {
    const directory = folderWith({
      'broken.json': { content: '{"tenant": "broken", "connectors": {"okta": {"token": token-in-clear}}}' },
      'shape.json': { content: '{"tenant": "shape", "connectors": {"okta": {"token": 424242424242}}}' },
      'extra.json': { content: '{"tenant": "extra", "connectors": {}, "token-in-a-key": "value-in-clear"}' },
    });
    const provider = fileSecretsProvider({ directory });
    expect(String(await failure(provider.get('broken', 'okta'), 'token-in-clear'))).toMatch(/is not valid JSON/);
    expect(String(await failure(provider.get('shape', 'okta'), '424242424242'))).toMatch(
      /connectors\.okta\.token \(invalid_type\)/,
    );
    await failure(provider.get('extra', 'okta'), 'value-in-clear');
  });
});
