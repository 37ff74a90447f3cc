import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../create-sandbox.js';
import { oktaVendor } from './okta.js';

const world = {
  users: [
    {
      email: 'jane.doe@acme.example',
      name: 'Jane Doe',
      factors: [{ type: 'push' as const }],
      sessions: [{ ip: '198.51.100.7', country: 'US' }],
      signIns: [
        {
          at: '2025-12-31T23:00:00Z',
          ip: '203.0.113.9',
          country: 'RU',
          result: 'denied' as const,
          kind: 'mfa-push' as const,
        },
      ],
    },
  ],
};

let sandbox: Sandbox;
afterEach(async () => {
  await sandbox?.close();
});

describe('okta vendor', () => {
  it('suspends a user through the real connector: Okta shows SUSPENDED and the user cannot sign in', async () => {
    sandbox = createSandbox({ world, vendors: [oktaVendor] });
    const okta = sandbox.connector(oktaVendor);
    const before = await okta.tools.getUser({ userId: 'jane.doe@acme.example' });
    expect(before.status).toBe('ACTIVE');
    await okta.tools.suspendUser({ userId: before.id });
    expect((await okta.tools.getUser({ userId: before.id })).status).toBe('SUSPENDED');
    expect(sandbox.world.signIn('jane.doe@acme.example', { ip: '203.0.113.9' }).allowed).toBe(false);
    const log = await okta.tools.listSystemLogEvents({ filter: `actor.id eq "${before.id}"` });
    expect(log.map((event) => `${event.eventType} ${event.outcome.result}`)).toEqual([
      'user.mfa.okta_verify.deny_push DENY',
      'user.session.start DENY',
    ]);
    const suspend = sandbox.actions().find((action) => action.tool === 'suspendUser')!;
    expect(suspend).toMatchObject({
      connectorId: 'okta',
      risk: 'contain',
      capabilities: ['user.suspend'],
      input: { userId: before.id },
      targets: ['user:jane.doe@acme.example'],
      outcome: 'succeeded',
    });
  });

  it('answers 404 for an unknown user, as Okta does', async () => {
    sandbox = createSandbox({ world, vendors: [oktaVendor] });
    await expect(sandbox.connector(oktaVendor).tools.getUser({ userId: 'nobody' })).rejects.toMatchObject({
      status: 404,
    });
  });

  it('clears sessions and resets factors', async () => {
    sandbox = createSandbox({ world, vendors: [oktaVendor] });
    const okta = sandbox.connector(oktaVendor);
    await okta.tools.clearUserSessions({ userId: 'jane.doe@acme.example' });
    await okta.tools.resetUserFactors({ userId: 'jane.doe@acme.example' });
    expect(sandbox.world.findUser('jane.doe')!.sessions).toEqual([]);
    expect(await okta.tools.listUserFactors({ userId: 'jane.doe@acme.example' })).toEqual([]);
  });
});
