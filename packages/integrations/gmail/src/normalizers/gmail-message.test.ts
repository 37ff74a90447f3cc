import { readFileSync } from 'node:fs';
import { entitiesOfAlert, UnrecognizedAlertError, ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { GetMessageOutput, ListFiltersOutput, SearchMessagesOutput, TrashMessageOutput } from '../generated/schemas.js';
import { alertNormalizers, normalizeGmailAlerts } from '../index.js';
import { addressesOf, gmailMessageNormalizer } from './gmail-message.js';

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));

const full = fixture('message-full.json');
const metadata = fixture('message-metadata.json');

describe('Gmail responses', () => {
  it('parse through the output schemas of their operations', () => {
    expect(GetMessageOutput.safeParse(full).error?.issues ?? []).toEqual([]);
    expect(GetMessageOutput.safeParse(metadata).error?.issues ?? []).toEqual([]);
    expect(SearchMessagesOutput.safeParse(fixture('messages-list.json')).error?.issues ?? []).toEqual([]);
    expect(TrashMessageOutput.safeParse(fixture('message-trash.json')).error?.issues ?? []).toEqual([]);
    expect(ListFiltersOutput.safeParse(fixture('filters-list.json')).error?.issues ?? []).toEqual([]);
  });
});

describe('Gmail message normalizer', () => {
  it('maps a full phishing message to an inbound Email Activity with every sender-side entity', () => {
    const [alert] = normalizeGmailAlerts(full);
    expect(alert).toMatchObject({
      class_uid: 4009,
      category_uid: 4,
      activity_id: 2,
      type_uid: 400902,
      direction_id: 1,
      severity_id: 0,
      time: Date.parse('2024-05-14T16:31:55Z'),
      message:
        'Received email "Action required: confirm your payroll details" from payroll@payro11-update.example to jane.doe@acme.example',
      email: {
        uid: '18f7a3c2d1e0b9f8',
        message_uid: '<CAJx7Lq9bZ3m2P@mail.payro11-update.example>',
        subject: 'Action required: confirm your payroll details',
        files: [{ name: 'Payroll_Update_May.pdf', mime_type: 'application/pdf', size: 48213 }],
      },
      email_auth: { spf: 'softfail', dkim: 'none', dmarc: 'fail' },
      src_endpoint: { ip: '203.0.113.45' },
      metadata: { uid: '18f7a3c2d1e0b9f8', labels: ['IMPORTANT', 'CATEGORY_PERSONAL', 'INBOX'] },
    });
    expect(alert!.finding_info).toBeUndefined();
    expect(alert?.raw_data).toBe(JSON.stringify(full));
    expect(entitiesOfAlert(alert!)).toEqual({
      entities: [
        { kind: 'email', value: 'payroll@payro11-update.example' },
        { kind: 'email', value: 'jane.doe@acme.example' },
        { kind: 'email', value: 'raj.patel@acme.example' },
        { kind: 'email', value: 'payroll-desk@mailbox.example.net' },
        { kind: 'email', value: 'bounce+payroll@payro11-update.example' },
        { kind: 'ip', value: '203.0.113.45' },
        { kind: 'url', value: 'https://payro11-update.example/login?u=jane.doe&ref=may' },
        { kind: 'url', value: 'https://cdn.payro11-update.example/logo.png' },
        { kind: 'file', value: 'Payroll_Update_May.pdf' },
      ],
      rejected: [],
    });
  });

  it('maps a metadata-format message (headers, no body) and keeps Gmail labels', () => {
    const [alert] = normalizeGmailAlerts(metadata);
    expect(alert).toMatchObject({
      email: {
        from: 'no-reply@m1crosoft-support.example',
        to: ['raj.patel@acme.example'],
        subject: 'Password expiry notice',
      },
      email_auth: { spf: 'pass', dkim: 'pass', dmarc: 'pass' },
      metadata: { labels: ['SPAM', 'UNREAD'] },
    });
    expect(entitiesOfAlert(alert!).entities).toEqual([
      { kind: 'email', value: 'no-reply@m1crosoft-support.example' },
      { kind: 'email', value: 'raj.patel@acme.example' },
      { kind: 'ip', value: '198.51.100.87' },
    ]);
  });

  it('reads the headers of a raw-format message', () => {
    const rfc822 =
      'From: "IT" <helpdesk@example.net>\r\nTo: a@acme.example,\r\n b@acme.example\r\nSubject: Reset\r\n' +
      'Message-ID: <x1@example.net>\r\n\r\nBody https://example.net/reset\r\n';
    const raw = btoa(rfc822).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const [alert] = normalizeGmailAlerts({ id: '18f0000000000001', internalDate: '1715600000000', raw });
    expect(alert).toMatchObject({
      email: {
        from: 'helpdesk@example.net',
        to: ['a@acme.example', 'b@acme.example'],
        message_uid: '<x1@example.net>',
      },
      time: 1715600000000,
    });
  });

  it('marks a message from the SENT label as an outbound send', () => {
    const [alert] = normalizeGmailAlerts({ ...metadata, labelIds: ['SENT'] });
    expect(alert).toMatchObject({ activity_id: 1, type_uid: 400901, direction_id: 2 });
  });

  it('refuses the ID-only entries searchMessages returns, naming where', () => {
    expect(() => normalizeGmailAlerts(fixture('messages-list.json'))).toThrow(UnrecognizedAlertError);
    expect(() => normalizeGmailAlerts(fixture('messages-list.json'))).toThrow(/messages\[0\]/);
    expect(normalizeGmailAlerts({ messages: [full, metadata] })).toHaveLength(2);
    expect(alertNormalizers.map((normalizer) => normalizer.id)).toEqual(['gmail.message']);
  });
});

describe('addressesOf', () => {
  it.each([
    ['"Payroll Team" <payroll@example.net>', ['payroll@example.net']],
    ['Jane <jane@acme.example>, raj@acme.example', ['jane@acme.example', 'raj@acme.example']],
    ['"Doe, Jane" <jane@acme.example>', ['jane@acme.example']],
    ['"jane@acme.example via Tool" <tool@example.net>', ['tool@example.net']],
    ['undisclosed-recipients:;', []],
  ])('%s', (header, expected) => {
    expect(addressesOf(header)).toEqual(expected);
  });
});

describe('raw-format messages through core parseEmail', () => {
  const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

  it('yields the URLs, attachments and their hashes that format full would not hash', () => {
    const rfc822 = [
      'From: a@example.net',
      'Subject: =?utf-8?Q?Rechnung_f=C3=A4llig?=',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Pay at https://pay.example.net/x.',
      '--b',
      'Content-Type: application/pdf; name=invoice.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      'aGVsbG8=',
      '--b--',
    ].join('\r\n');
    const [alert] = normalizeGmailAlerts({
      id: '18f0000000000002',
      internalDate: '1715600000000',
      raw: base64url(rfc822),
    });
    expect(alert?.email).toMatchObject({
      subject: 'Rechnung fällig',
      urls: [{ url_string: 'https://pay.example.net/x' }],
      files: [{ name: 'invoice.pdf', mime_type: 'application/pdf', size: 5 }],
    });
    expect(alert?.observables).toContainEqual({
      name: 'email.files.hashes.value',
      type_id: 8,
      value: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    });
  });

  it('refuses raw data that is not base64url, or not a message, as a ValidationError at raw (fuzz regression)', () => {
    for (const raw of ['not base64!', base64url('no header block here')]) {
      let caught: unknown;
      try {
        gmailMessageNormalizer.normalize({ id: '18f0000000000003', raw });
      } catch (error) {
        caught = error;
      }
      expect(ValidationError.isInstance(caught)).toBe(true);
      expect((caught as ValidationError).issues[0]?.path).toBe('raw');
    }
  });

  it('refuses a body part whose data is not base64url, naming the part', () => {
    const message = { id: 'm1', payload: { mimeType: 'text/plain', body: { data: 'a%b' } } };
    expect(() => gmailMessageNormalizer.normalize(message)).toThrow(/payload\.body\.data/);
  });
});
