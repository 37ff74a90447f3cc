import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../create-sandbox.js';
import { awsIamVendor } from './aws-iam.js';
import { gmailVendor } from './gmail.js';
import { microsoft365MailVendor } from './microsoft-365-mail.js';
import { pagerdutyVendor } from './pagerduty.js';
import { slackVendor } from './slack.js';

const world = {
  users: [{ email: 'jane.doe@acme.example', name: 'Jane Doe' }],
  mailboxes: [
    {
      address: 'jane.doe@acme.example',
      messages: [
        {
          id: 'AAMkAGI2-phish-0001',
          from: 'billing@contoso-invoices.example',
          subject: 'Invoice overdue',
          body: 'Pay today.',
          urls: ['https://login.contoso-invoices.example/m365'],
          receivedAt: '2025-12-31T23:30:00Z',
        },
        {
          id: '18f7a3c2d1e0b9f8',
          from: 'newsletter@shop.example',
          subject: 'Spring sale',
          receivedAt: '2025-12-31T22:00:00Z',
        },
      ],
    },
  ],
  accessKeys: [
    { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', userName: 'ci-deploy', lastUsed: { at: '2025-12-31T20:00:00Z' } },
  ],
  channels: [{ name: 'soc', id: 'C0SOC00001' }],
};

let sandbox: Sandbox;
afterEach(async () => {
  await sandbox?.close();
});

describe('mail', () => {
  it('a message purged through Microsoft 365 is gone from the mailbox and every search', async () => {
    sandbox = createSandbox({ world });
    const mail = sandbox.connector(microsoft365MailVendor);
    const found = await mail.tools.listMessages({
      mailbox: 'jane.doe@acme.example',
      search: '"from:billing@contoso-invoices.example"',
    });
    expect(found.value?.map((message) => message.id)).toEqual(['AAMkAGI2-phish-0001']);
    expect(found.value?.[0]?.body?.content).toContain('https://login.contoso-invoices.example/m365');
    await mail.tools.purgeMessage({ mailbox: 'jane.doe@acme.example', messageId: 'AAMkAGI2-phish-0001' });
    await expect(
      mail.tools.getMessage({ mailbox: 'jane.doe@acme.example', messageId: 'AAMkAGI2-phish-0001' }),
    ).rejects.toMatchObject({ status: 404 });
    const gmail = sandbox.connector(gmailVendor);
    expect((await gmail.tools.searchMessages({ userId: 'jane.doe@acme.example', q: 'from:billing' })).messages).toEqual(
      [],
    );
    expect(sandbox.actions().find((action) => action.tool === 'purgeMessage')).toMatchObject({
      capabilities: ['message.purge'],
      targets: ['message:aamkagi2-phish-0001', 'user:jane.doe@acme.example'],
    });
  });

  it('Gmail trashes a message: out of the inbox, still in Trash', async () => {
    sandbox = createSandbox({ world });
    const gmail = sandbox.connector(gmailVendor);
    const message = await gmail.tools.getMessage({ userId: 'jane.doe@acme.example', messageId: '18f7a3c2d1e0b9f8' });
    expect(message.labelIds).toContain('INBOX');
    await gmail.tools.trashMessage({ userId: 'jane.doe@acme.example', messageId: '18f7a3c2d1e0b9f8' });
    expect((await gmail.tools.searchMessages({ userId: 'jane.doe@acme.example', q: 'sale' })).messages).toEqual([]);
    const trashed = await gmail.tools.searchMessages({
      userId: 'jane.doe@acme.example',
      q: 'sale',
      includeSpamTrash: true,
    });
    expect(trashed.messages?.map((item) => item.id)).toEqual(['18f7a3c2d1e0b9f8']);
  });
});

describe('cloud keys', () => {
  it('a key deactivated through IAM fails its next use and keeps its last use', async () => {
    sandbox = createSandbox({ world });
    const iam = sandbox.connector(awsIamVendor);
    const keys = await iam.tools.listAccessKeys({ UserName: 'ci-deploy' });
    expect(keys.AccessKeyMetadata).toEqual([
      expect.objectContaining({ AccessKeyId: 'AKIAI44QH8DHBEXAMPLE', Status: 'Active' }),
    ]);
    expect(sandbox.world.useAccessKey('AKIAI44QH8DHBEXAMPLE', { service: 's3' }).allowed).toBe(true);
    await iam.tools.deactivateAccessKey({ UserName: 'ci-deploy', AccessKeyId: 'AKIAI44QH8DHBEXAMPLE' });
    expect(sandbox.world.useAccessKey('AKIAI44QH8DHBEXAMPLE', { service: 's3' })).toEqual({
      allowed: false,
      error: 'InvalidClientTokenId',
    });
    const lastUsed = await iam.tools.getAccessKeyLastUsed({ AccessKeyId: 'AKIAI44QH8DHBEXAMPLE' });
    expect(lastUsed.AccessKeyLastUsed).toMatchObject({ ServiceName: 's3' });
    expect((await iam.tools.listAccessKeys({ UserName: 'ci-deploy' })).AccessKeyMetadata[0]?.Status).toBe('Inactive');
    expect(sandbox.actions().find((action) => action.tool === 'deactivateAccessKey')).toMatchObject({
      capabilities: ['cloud.key.deactivate'],
      targets: ['access-key:akiai44qh8dhbexample'],
    });
    await expect(iam.tools.getUser({ UserName: 'nobody' })).rejects.toMatchObject({ status: 404 });
  });
});

describe('ticketing, chat and on-call', () => {
  it('keeps the tickets, posts and incidents the tools create', async () => {
    sandbox = createSandbox({ world });
    const jira = sandbox.socConnectors.find((connector) => connector.id === 'jira-cloud')!.tools;
    const created = (await jira.openTicket!({ projectKey: 'SEC', summary: 'Phishing', description: 'Purged.' })) as {
      key: string;
    };
    expect(created.key).toBe('SEC-1');
    await jira.commentOnTicket!({ issueKey: 'SEC-1', text: 'Sessions revoked.' });
    expect(sandbox.world.tickets[0]).toMatchObject({ summary: 'Phishing', description: 'Purged.' });
    expect(sandbox.world.tickets[0]?.comments.map((comment) => comment.body)).toEqual(['Sessions revoked.']);

    const slack = sandbox.connector(slackVendor);
    const posted = await slack.tools.chatPostMessage({ channel: '#soc', text: 'Case closed' });
    expect(posted).toMatchObject({ ok: true, channel: 'C0SOC00001' });
    expect(await slack.tools.chatPostMessage({ channel: '#random', text: 'x' })).toMatchObject({ ok: false });
    expect(sandbox.world.chatMessages.map((message) => message.text)).toEqual(['Case closed']);
    // Slack allows one post a second: the second waits out a simulated 429, then Slack refuses the unknown channel.
    expect(
      sandbox
        .actions()
        .filter((action) => action.tool === 'chatPostMessage')
        .map((action) => [action.status, action.outcome]),
    ).toEqual([
      [200, 'succeeded'],
      [429, 'failed'],
      [200, 'failed'],
    ]);

    const pagerduty = sandbox.connector(pagerdutyVendor);
    const { incident } = await pagerduty.tools.createIncident({
      requesterEmail: 'rampart@acme.example',
      incident: { type: 'incident', title: 'Ransomware', service: { id: 'PSEC001', type: 'service_reference' } },
    });
    expect(incident).toMatchObject({ status: 'triggered', incident_number: 1 });
    expect((await pagerduty.tools.listIncidents({ total: true })).incidents).toHaveLength(1);
  });
});
