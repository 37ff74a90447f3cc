import { describe, expect, it } from 'vitest';
import { RampartError } from '../errors.js';
import { EmailParseError } from './email-parse-error.js';
import { parseEmail } from './parse-email.js';
import { ParsedEmail } from './parsed-email.js';

const crlf = (lines: string[]) => lines.join('\r\n');

/** A reported phish: display-name spoofing, a Reply-To elsewhere, a QP HTML link and a base64 attachment. */
const reportedPhish = crlf([
  'From alerts@example.net  Mon Nov 23 09:00:00 2026',
  'Return-Path: <bounce@mailer.example.net>',
  'Received: from mailer.example.net (mailer.example.net [198.51.100.7])',
  '\tby mx.example.com (Postfix) with ESMTPS id 4Zx1 for <alice@example.com>;',
  '\tMon, 23 Nov 2026 09:00:02 +0000 (UTC)',
  'Received: from [10.0.0.5] (unknown [203.0.113.9]) by mailer.example.net with ESMTPSA id 77; Mon, 23 Nov 2026 08:59:58 +0000',
  'Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=mailer.example.net;',
  ' dkim=none (no signature); dmarc=fail (p=reject) header.from=example.com',
  'Received-SPF: Pass (mx.example.com: domain of mailer.example.net designates 198.51.100.7 as permitted sender) client-ip=198.51.100.7;',
  'From: =?UTF-8?B?SVQgU2VydmljZSBEZXNr?= <it-support@example.com>',
  'Reply-To: "Helpdesk" <helpdesk@attacker.example>',
  'To: Alice <alice@example.com>, bob@example.com',
  'Subject: =?utf-8?Q?Passwort_l=C3=A4uft_ab?= =?utf-8?Q?_heute?=',
  'Date: Mon, 23 Nov 2026 08:59:57 +0000',
  'Message-ID: <abc123@mailer.example.net>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  'This is a multi-part message in MIME format.',
  '--outer',
  'Content-Type: multipart/alternative; boundary=inner',
  '',
  '--inner',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Reset now: https://login.attacker.example/reset?u=alice.',
  '--inner',
  'Content-Type: text/html; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  '<a href=3D"https://evil.example/a?x=3D1&amp;y=3D2">Reset</a>',
  '--inner--',
  '--outer',
  'Content-Type: application/octet-stream; name="ignored.bin"',
  "Content-Disposition: attachment; filename*=utf-8''Rechnung%20%C3%BC.pdf",
  'Content-Transfer-Encoding: base64',
  '',
  'aGVs',
  'bG8=',
  '--outer--',
  '',
]);

describe('parseEmail', () => {
  it('reads what a SOC agent needs from a reported phish', () => {
    const parsed = parseEmail(reportedPhish);
    expect(ParsedEmail.safeParse(parsed).success).toBe(true);
    expect(parsed.from).toEqual([{ address: 'it-support@example.com', name: 'IT Service Desk' }]);
    expect(parsed.replyTo).toEqual([{ address: 'helpdesk@attacker.example', name: 'Helpdesk' }]);
    expect(parsed.to.map((mailbox) => mailbox.address)).toEqual(['alice@example.com', 'bob@example.com']);
    expect(parsed.returnPath).toBe('bounce@mailer.example.net');
    expect(parsed.subject).toBe('Passwort läuft ab heute');
    expect(parsed.date).toBe('2026-11-23T08:59:57.000Z');
    expect(parsed.messageId).toBe('<abc123@mailer.example.net>');
    expect(parsed.received).toHaveLength(2);
    expect(parsed.received[0]).toMatchObject({
      from: 'mailer.example.net',
      fromIp: '198.51.100.7',
      by: 'mx.example.com',
      with: 'ESMTPS',
      for: 'alice@example.com',
      date: '2026-11-23T09:00:02.000Z',
    });
    expect(parsed.received[1]?.fromIp).toBe('203.0.113.9');
    expect(parsed.authentication).toEqual({ spf: 'pass', dkim: 'none', dmarc: 'fail' });
    expect(parsed.authenticationResults[0]?.authservId).toBe('mx.example.com');
    expect(parsed.authenticationResults[0]?.results[2]?.properties['header.from']).toBe('example.com');
    expect(parsed.receivedSpf).toEqual({ result: 'pass', clientIp: '198.51.100.7' });
    expect(parsed.urls).toEqual(['https://login.attacker.example/reset?u=alice', 'https://evil.example/a?x=1&y=2']);
    expect(parsed.attachments).toEqual([
      {
        filename: 'Rechnung ü.pdf',
        contentType: 'application/octet-stream',
        disposition: 'attachment',
        size: 5,
        md5: '5d41402abc4b2a76b9719d911017c592',
        sha1: 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d',
        sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
        path: 'parts[1]',
      },
    ]);
  });

  it('reads bytes in the declared charset and text given as a string alike', () => {
    const latin1 = Buffer.concat([
      Buffer.from('From: a@example.com\nContent-Type: text/plain; charset=iso-8859-1\n\n'),
      Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65]),
    ]);
    expect(parseEmail(latin1).textBody).toBe('Grüße');
    expect(parseEmail('From: a@example.com\n\nGrüße').textBody).toBe('Grüße');
  });

  it('treats the null reverse-path of a bounce as no envelope sender', () => {
    expect(parseEmail('Return-Path: <>\nFrom: MAILER-DAEMON@example.com\n\nbounced').returnPath).toBeUndefined();
  });

  it('refuses a header block line that is no field, naming the field index', () => {
    const error = catchError(() => parseEmail('From: a@example.com\nthis is not a header\n\nbody'));
    expect(EmailParseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid-header', path: 'headers[1]' });
  });

  it('refuses a multipart without boundary, naming the part', () => {
    const message = crlf([
      'From: a@example.com',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: multipart/related',
      '',
      'x',
      '--b--',
    ]);
    expect(catchError(() => parseEmail(message))).toMatchObject({
      code: 'invalid-content-type',
      path: 'parts[0].headers.content-type',
    });
  });

  it('refuses nesting deeper than any mailer produces, instead of recursing without end', () => {
    let message = 'leaf';
    for (let depth = 0; depth < 40; depth++)
      message = `Content-Type: multipart/mixed; boundary=b${depth}\n\n--b${depth}\n${message}\n--b${depth}--`;
    expect(catchError(() => parseEmail(`From: a@example.com\n${message}`))).toMatchObject({ code: 'too-deep' });
  });

  it('refuses empty input and input without headers as typed errors', () => {
    expect(RampartError.isInstance(catchError(() => parseEmail('')))).toBe(true);
    expect(catchError(() => parseEmail('\r\nbody only'))).toMatchObject({ code: 'no-headers' });
  });

  it('reads an invalid Content-Type as text/plain (RFC 2045 §5.2) and keeps unknown transfer encodings as sent', () => {
    const parsed = parseEmail(
      'From: a@example.com\nContent-Type: garbage\nContent-Transfer-Encoding: x-unknown\n\nhttp://example.org/x',
    );
    expect(parsed.textBody).toBe('http://example.org/x');
    expect(parsed.urls).toEqual(['http://example.org/x']);
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('parseEmail on hostile bodies', () => {
  it('trims trailing punctuation from a URL in linear time (a quadratic regex took minutes here)', () => {
    const parsed = parseEmail(
      `From: a@example.com\n\nhttp://example.org/${'.'.repeat(200_000)}x and http://example.org/b...`,
    );
    expect(parsed.urls).toHaveLength(2);
    expect(parsed.urls[1]).toBe('http://example.org/b');
  });
});

describe('parseEmail on hostile headers', () => {
  // Each input made a regular expression backtrack quadratically (minutes); a regression fails by the test timeout.
  it.each([
    ['a Date of unclosed comments', `Date: ${'('.repeat(100_000)}\n`],
    ['a Received date of unclosed comments', `Received: from x; ${'('.repeat(100_000)}\n`],
    ['a field name with a long run of blanks', `X${' '.repeat(100_000)}y: v\n`],
  ])('stays linear on %s', (_name, header) => {
    try {
      const parsed = parseEmail(`From: a@example.com\n${header}\nbody`);
      expect(parsed.date).toBeUndefined();
    } catch (error) {
      expect(EmailParseError.isInstance(error)).toBe(true);
    }
  });
});

describe('parseEmail dates', () => {
  it('gives ISO 8601 dates only for years 0-9999, where toISOString would write a six-digit year (fuzz regression)', () => {
    const parsed = parseEmail(
      'Received: from a by b; Sat, 1 Jan 99999 00:00:00 +0000\nDate: 275760-09-13\nFrom: a@example.com\n\nx',
    );
    expect(parsed.received[0]?.date).toBeUndefined();
    expect(parsed.date).toBeUndefined();
    expect(ParsedEmail.safeParse(parsed).success).toBe(true);
    expect(parseEmail('Date: Mon, 23 Nov 2026 08:59:57 +0000 (UTC)\n\nx').date).toBe('2026-11-23T08:59:57.000Z');
  });
});
