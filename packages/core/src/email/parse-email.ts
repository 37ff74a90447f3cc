import { canonicalIpText } from '../observables/ip.js';
import { parseAddressList } from './address-list.js';
import { parseAuthenticationResults } from './authentication-results.js';
import { EmailParseError } from './email-parse-error.js';
import { isoDateOfHeader } from './header-dates.js';
import { headerValue, headerValues, splitHeaderBlock, unstructuredValue } from './header-fields.js';
import { type MimeContent, walkEntity } from './mime-tree.js';
import type { ParsedEmail } from './parsed-email.js';
import { parseReceived } from './received-chain.js';
import { binaryStringOf } from './text-decoding.js';

/** Larger than any mail system accepts (Gmail and Exchange Online stop at 25 and 150 MB with encoding). */
export const maxEmailBytes = 64 * 1024 * 1024;

function canonicalIpOrUndefined(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const ip = canonicalIpText(text.trim().replace(/^\[|\]$/g, ''));
  return typeof ip === 'string' ? ip : undefined;
}

/** `pass (reason) client-ip=192.0.2.1; envelope-from=...` (RFC 7208 §9.1). */
function parseReceivedSpf(value: string | undefined): ParsedEmail['receivedSpf'] {
  if (value === undefined) return undefined;
  const result = /^\s*([a-z]+)/i.exec(value)?.[1]?.toLowerCase();
  if (result === undefined) return undefined;
  const clientIp = canonicalIpOrUndefined(/client-ip=([0-9A-Fa-f.:]+)/i.exec(value)?.[1]);
  return clientIp === undefined ? { result } : { result, clientIp };
}

function optional<Key extends string, Value>(key: Key, value: Value | undefined): Partial<Record<Key, Value>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<Key, Value>);
}

/**
 * Reads a raw RFC 5322 message (as bytes, or as text taken as its UTF-8 bytes) into what a SOC agent needs:
 * sender, reply-to and envelope sender, recipients, the decoded subject, the Received chain, the
 * Authentication-Results verdicts, the bodies' URLs and every attachment with its hashes. MIME (RFC 2045-2047,
 * RFC 2231) is decoded; an mbox `From ` line at the start is skipped.
 *
 * Strict where ambiguity would let a message say two things (a header block line that is no field, a multipart
 * without boundary, absurd nesting): those throw `EmailParseError` naming the path (`headers[3]`,
 * `parts[1].headers.content-type`). Lenient where the RFCs say to be (bad base64 characters, unknown charsets and
 * transfer encodings, an invalid Content-Type read as text/plain).
 * @example parseEmail(raw).attachments[0]?.sha256
 */
export function parseEmail(input: string | Uint8Array): ParsedEmail {
  const binary = binaryStringOf(input);
  if (binary.length === 0) throw new EmailParseError('', 'empty', 'the message is empty');
  if (binary.length > maxEmailBytes) throw new EmailParseError('', 'too-large', `larger than ${maxEmailBytes} bytes`);
  const { fields, body } = splitHeaderBlock(binary, '', true);
  if (fields.length === 0) throw new EmailParseError('headers', 'no-headers', 'the message has no header fields');

  const content: MimeContent = { texts: [], htmls: [], urls: new Set(), attachments: [], partCount: 0 };
  walkEntity(fields, body, '', 0, content);

  const header = (name: string) => headerValue(fields, name);
  const firstAddress = (name: string) => parseAddressList(header(name))[0];
  const subject = header('Subject');
  const dateHeader = header('Date');
  const authenticationResults = headerValues(fields, 'Authentication-Results').map(parseAuthenticationResults);
  const authentication: ParsedEmail['authentication'] = {};
  for (const { method, result } of authenticationResults[0]?.results ?? []) {
    if ((method === 'spf' || method === 'dkim' || method === 'dmarc') && authentication[method] === undefined) {
      authentication[method] = result;
    }
  }
  return {
    headers: fields,
    from: parseAddressList(header('From')),
    ...optional('sender', firstAddress('Sender')),
    replyTo: parseAddressList(header('Reply-To')),
    to: parseAddressList(header('To')),
    cc: parseAddressList(header('Cc')),
    bcc: parseAddressList(header('Bcc')),
    ...optional('returnPath', firstAddress('Return-Path')?.address),
    ...optional('deliveredTo', firstAddress('Delivered-To')?.address),
    ...optional('subject', subject === undefined ? undefined : unstructuredValue(subject)),
    ...optional('messageId', header('Message-ID')),
    ...optional('date', dateHeader === undefined ? undefined : isoDateOfHeader(dateHeader)),
    received: headerValues(fields, 'Received').map(parseReceived),
    authenticationResults,
    authentication,
    ...optional('receivedSpf', parseReceivedSpf(header('Received-SPF'))),
    ...optional('originatingIp', canonicalIpOrUndefined(header('X-Originating-IP'))),
    ...optional('textBody', content.texts.length > 0 ? content.texts.join('\n') : undefined),
    ...optional('htmlBody', content.htmls.length > 0 ? content.htmls.join('\n') : undefined),
    urls: [...content.urls],
    attachments: content.attachments,
  };
}
