import { z } from 'zod';

/** The typed reading of a raw message that `parseEmail` returns; the schema is the contract consumers rely on. */

export const MailboxAddress = z.object({ address: z.string().min(1), name: z.string().optional() });

export const HeaderField = z.object({ name: z.string().min(1), value: z.string() });

/** One `Received:` hop (RFC 5321 §4.4): who handed the message to whom, over what, when. */
export const ReceivedHop = z.object({
  /** The sending host as it named itself (HELO/EHLO): chosen by the sender, so never proof of anything. */
  from: z.string().optional(),
  /** The connecting IP the receiving server recorded (its TCP-info comment), canonical. */
  fromIp: z.string().optional(),
  by: z.string().optional(),
  with: z.string().optional(),
  id: z.string().optional(),
  for: z.string().optional(),
  /** The timestamp after the last `;`, as ISO 8601, when it parses. */
  date: z.iso.datetime().optional(),
  /** The unfolded header value as written. */
  raw: z.string(),
});

export const AuthenticationResult = z.object({
  method: z.string().min(1),
  result: z.string(),
  reason: z.string().optional(),
  /** `ptype.property` → value (`smtp.mailfrom`, `header.d`); a null-prototype record, so `__proto__` is data. */
  properties: z.record(z.string(), z.string()),
});

export const AuthenticationResultsHeader = z.object({
  authservId: z.string(),
  results: z.array(AuthenticationResult),
});

export const EmailAttachment = z.object({
  filename: z.string().optional(),
  contentType: z.string().min(1),
  /** `attachment` or `inline` when the part said so. */
  disposition: z.string().optional(),
  contentId: z.string().optional(),
  /** Decoded size in bytes. */
  size: z.number().int().nonnegative(),
  md5: z.string().regex(/^[0-9a-f]{32}$/),
  sha1: z.string().regex(/^[0-9a-f]{40}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Where the part sits in the MIME tree, e.g. `parts[1].parts[0]`. */
  path: z.string(),
});

export const ParsedEmail = z.object({
  /** Every header field in order, unfolded, encoded words left as written. */
  headers: z.array(HeaderField).min(1),
  from: z.array(MailboxAddress),
  sender: MailboxAddress.optional(),
  replyTo: z.array(MailboxAddress),
  to: z.array(MailboxAddress),
  cc: z.array(MailboxAddress),
  bcc: z.array(MailboxAddress),
  /** The envelope sender from Return-Path; absent for the null sender `<>` of bounces. */
  returnPath: z.string().optional(),
  deliveredTo: z.string().optional(),
  subject: z.string().optional(),
  messageId: z.string().optional(),
  /** The Date header as ISO 8601, when it parses. */
  date: z.iso.datetime().optional(),
  /** Received hops, most recent first (the order they appear in). */
  received: z.array(ReceivedHop),
  authenticationResults: z.array(AuthenticationResultsHeader),
  /** SPF, DKIM and DMARC verdicts from the topmost Authentication-Results header (the last receiving server's). */
  authentication: z.object({ spf: z.string().optional(), dkim: z.string().optional(), dmarc: z.string().optional() }),
  receivedSpf: z.object({ result: z.string(), clientIp: z.string().optional() }).optional(),
  /** X-Originating-IP (Exchange, webmail), canonical. */
  originatingIp: z.string().optional(),
  /** The text/plain and text/html bodies, decoded to text, joined when the message has several. */
  textBody: z.string().optional(),
  htmlBody: z.string().optional(),
  urls: z.array(z.string().min(1)),
  attachments: z.array(EmailAttachment),
});

export type ParsedEmail = z.infer<typeof ParsedEmail>;
export type EmailAttachment = z.infer<typeof EmailAttachment>;
export type MailboxAddress = z.infer<typeof MailboxAddress>;
export type HeaderField = z.infer<typeof HeaderField>;
export type ReceivedHop = z.infer<typeof ReceivedHop>;
export type AuthenticationResult = z.infer<typeof AuthenticationResult>;
export type AuthenticationResultsHeader = z.infer<typeof AuthenticationResultsHeader>;
