import { readFileSync } from 'node:fs';
import { entitiesOfAlert } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { ListMessagesOutput } from '../generated/schemas.js';
import { normalizeMicrosoft365MailAlerts } from '../index.js';
import { microsoft365MessageNormalizer } from './message.js';

function fixture(name: string): { value: Record<string, unknown>[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const recorded = fixture('messages-list-one.json');
const suspicious = fixture('messages-suspicious.json');

describe('message fixtures', () => {
  it('parse through the listMessages output schema, unknown vendor fields kept', () => {
    expect(ListMessagesOutput.parse(recorded).value?.[0]).toHaveProperty('changeKey', '');
    expect(ListMessagesOutput.parse(suspicious).value?.[0]?.attachments?.[0]?.name).toBe('INV-2024-0612.html');
    for (const message of [...recorded.value, ...suspicious.value]) {
      expect(microsoft365MessageNormalizer.matches(message)).toBe(true);
    }
  });
});

describe('recorded message (demisto/content) → Email Activity 4009', () => {
  const [alert] = normalizeMicrosoft365MailAlerts(recorded);

  it('keeps sender, recipient, subject, time and the Graph id; no finding_info', () => {
    expect(alert).toMatchObject({
      class_uid: 4009,
      category_uid: 4,
      activity_id: 2,
      type_uid: 400902,
      severity_id: 2,
      time: Date.parse('2019-04-16T19:40:01Z'),
      message:
        'Email "Playbook has stopped on error for Legal Hold #` (#2231)" from user@example.com to mayb@queen.com',
      email: { from: 'user@example.com', to: ['mayb@queen.com'], is_read: true },
      metadata: { uid: '-qAAA=', product: { vendor_name: 'Microsoft' } },
    });
    expect(alert?.finding_info).toBeUndefined();
    expect(JSON.parse(alert!.raw_data!)).toEqual(recorded.value[0]);
  });

  it('names the sender and the recipient as entities', () => {
    const { entities, rejected } = entitiesOfAlert(alert!);
    expect(rejected).toEqual([]);
    expect(entities).toEqual([
      { kind: 'email', value: 'user@example.com' },
      { kind: 'email', value: 'mayb@queen.com' },
    ]);
  });
});

describe('suspicious messages → Email Activity 4009', () => {
  const [phish, report] = normalizeMicrosoft365MailAlerts(suspicious);

  it('a phishing message: links (Safe Links unwrapped), attachment, headers, DMARC failure raise it to High', () => {
    expect(phish).toMatchObject({
      severity_id: 4,
      email: {
        from: 'billing@contoso-invoices.example',
        reply_to_list: ['payments@contoso-invoices.example'],
        return_path: 'bounce@contoso-invoices.example',
        x_originating_ip: ['198.51.100.77'],
        message_uid: '<20261021061237.4f1c2a9e@mail.contoso-invoices.example>',
        files: [{ name: 'INV-2024-0612.html', size: 4381, mime_type: 'text/html' }],
      },
      email_auth: { spf: 'fail', dkim: 'none', dmarc: 'fail' },
      unmapped: { graph: { spamConfidenceLevel: '5', importance: 'high' } },
    });
    const { entities, rejected } = entitiesOfAlert(phish!);
    expect(rejected).toEqual([]);
    expect(entities).toEqual([
      { kind: 'email', value: 'billing@contoso-invoices.example' },
      { kind: 'email', value: 'adelev@contoso.com' },
      { kind: 'email', value: 'payments@contoso-invoices.example' },
      { kind: 'url', value: 'https://login.contoso-invoices.example/m365/verify?id=88213' },
      { kind: 'url', value: 'https://contoso-invoices.example/help' },
      { kind: 'file', value: 'INV-2024-0612.html' },
      { kind: 'ip', value: '198.51.100.77' },
    ]);
    expect(phish?.observables.find((observable) => observable.name === 'unmapped.graph.message_id')?.value).toBe(
      suspicious.value[0]!.id,
    );
  });

  it('a user report with a defanged link: the link is refanged, Medium', () => {
    expect(report?.severity_id).toBe(3);
    expect(
      report?.observables.filter((observable) => observable.type_id === 6).map((observable) => observable.value),
    ).toEqual(['https://contoso-share.example/d/7Hq2']);
  });
});
