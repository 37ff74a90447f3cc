import {
  type AlertInput,
  type AlertNormalizer,
  defineNormalizer,
  EmailParseError,
  observableTypeIds,
  type ParsedEmail,
  parseAddressList,
  parseEmail,
  ValidationError,
} from '@rampart/core/connector';
import { z } from 'zod';

/**
 * A Gmail message (users.messages resource, format `full`, `metadata` or `raw`), typically one a user reported or a
 * search turned up, as an OCSF Email Activity (4009) event: the sender, recipients, reply-to and envelope sender, the
 * sending IP (Received-SPF `client-ip`), SPF/DKIM/DMARC results, the URLs in the text bodies and the attachment
 * names. Gmail gives no verdict on a message, so `severity_id` is 0 (Unknown); labels such as SPAM stay in
 * `metadata.labels`.
 */

export const connectorId = 'gmail';

interface Part {
  mimeType?: string | null | undefined;
  filename?: string | null | undefined;
  headers?: Array<{ name?: string | null | undefined; value?: string | null | undefined }> | null | undefined;
  body?: { data?: string | null | undefined; size?: number | null | undefined } | null | undefined;
  parts?: Part[] | null | undefined;
}

/**
 * `raw` and `MessagePartBody.data` are "base64url encoded" strings
 * (https://developers.google.com/workspace/gmail/api/reference/rest/v1/users.messages). Checked here, so a corrupted
 * value is a ValidationError naming its path rather than an exception from the decoder (fuzz found `atob` throwing).
 */
const Base64Url = z.string().regex(/^[A-Za-z0-9_\-+/]*={0,2}$/, 'must be base64url');

const MessagePart: z.ZodType<Part> = z.lazy(() =>
  z.looseObject({
    mimeType: z.string().nullish(),
    filename: z.string().nullish(),
    headers: z.array(z.looseObject({ name: z.string().nullish(), value: z.string().nullish() })).nullish(),
    body: z.looseObject({ data: Base64Url.nullish(), size: z.number().nullish() }).nullish(),
    parts: z.array(MessagePart).nullish(),
  }),
);

/** The native message, loose: only what the mapping reads is declared. A message needs its payload or raw form. */
export const GmailMessage = z
  .looseObject({
    id: z.string().min(1),
    threadId: z.string().nullish(),
    labelIds: z.array(z.string()).nullish(),
    snippet: z.string().nullish(),
    internalDate: z.string().regex(/^\d+$/, 'must be epoch milliseconds').nullish(),
    sizeEstimate: z.number().nullish(),
    payload: MessagePart.nullish(),
    raw: Base64Url.nullish(),
  })
  .refine((message) => message.payload != null || message.raw != null, {
    message: 'a message needs payload (format full or metadata) or raw; message IDs alone cannot be normalized',
    path: ['payload'],
  });
export type GmailMessage = z.infer<typeof GmailMessage>;

type Header = { name: string; value: string };

function decodeBase64Url(data: string): string {
  return new TextDecoder().decode(Buffer.from(data, 'base64url'));
}

/**
 * A raw-format message read by core's email parser, so it yields what format `full` does (URLs, attachments) and
 * more (attachment hashes). A message the parser refuses is a ValidationError at `raw`.
 */
function parseRaw(raw: string): ParsedEmail {
  try {
    return parseEmail(Buffer.from(raw, 'base64url'));
  } catch (error) {
    if (!EmailParseError.isInstance(error)) throw error;
    throw new ValidationError(`${connectorId}.message input`, [
      { path: 'raw', message: `${error.path || '(message)'}: ${error.detail}`, code: error.code },
    ]);
  }
}

/** Mailbox addresses of an address-list header (`"Name" <a@b>, c@d`); display names are dropped. */
export function addressesOf(value: string | undefined): string[] {
  return parseAddressList(value).map((mailbox) => mailbox.address);
}

const urlPattern = /https?:\/\/[^\s"'<>()[\]{}]+/gi;

/** Cuts trailing sentence punctuation with a loop: `/[.,;:!?]+$/` backtracks quadratically over a run of dots. */
function withoutTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && '.,;:!?'.includes(url[end - 1]!)) end--;
  return url.slice(0, end);
}

/** URLs in a text or HTML body, with HTML entities in attribute values undone and trailing punctuation cut. */
function urlsOf(text: string): string[] {
  return [...text.matchAll(urlPattern)].map((match) => withoutTrailingPunctuation(match[0].replace(/&amp;/g, '&')));
}

interface EmailFile {
  name: string;
  mime_type?: string;
  size?: number;
  /** OCSF hash objects; algorithm_id 1 MD5, 2 SHA-1, 3 SHA-256. */
  hashes?: Array<{ algorithm_id: number; value: string }>;
}

interface Walked {
  texts: string[];
  files: EmailFile[];
}

function walk(part: Part, into: Walked): void {
  const mime = part.mimeType?.toLowerCase() ?? '';
  if (part.filename) {
    into.files.push({
      name: part.filename,
      ...(part.mimeType ? { mime_type: part.mimeType } : {}),
      ...(part.body?.size != null ? { size: part.body.size } : {}),
    });
  } else if ((mime === 'text/plain' || mime === 'text/html') && part.body?.data) {
    into.texts.push(decodeBase64Url(part.body.data));
  }
  for (const child of part.parts ?? []) walk(child, into);
}

const maxUrls = 50;

/** Maps one parsed message; `raw` is the payload as received, kept verbatim as `raw_data`. */
export function gmailMessageToAlert(message: GmailMessage, raw: unknown = message): AlertInput {
  const parsedRaw = message.payload ? undefined : parseRaw(message.raw ?? '');
  const headers: Header[] = message.payload
    ? (message.payload.headers ?? []).flatMap((header) =>
        header.name ? [{ name: header.name, value: header.value ?? '' }] : [],
      )
    : parsedRaw!.headers;
  const header = (name: string) => headers.find((entry) => entry.name.toLowerCase() === name.toLowerCase())?.value;

  const walked: Walked = { texts: [], files: [] };
  if (message.payload) walk(message.payload, walked);
  for (const attachment of parsedRaw?.attachments ?? []) {
    walked.files.push({
      // OCSF requires a name; an unnamed part (an inline image, say) is named by its place in the MIME tree.
      name: attachment.filename ?? `(unnamed ${attachment.path})`,
      mime_type: attachment.contentType,
      size: attachment.size,
      hashes: [
        { algorithm_id: 1, value: attachment.md5 },
        { algorithm_id: 2, value: attachment.sha1 },
        { algorithm_id: 3, value: attachment.sha256 },
      ],
    });
  }
  const urls = [...new Set([...walked.texts.flatMap(urlsOf), ...(parsedRaw?.urls ?? [])])].slice(0, maxUrls);

  const from = addressesOf(header('From'))[0];
  const to = addressesOf(header('To'));
  const cc = addressesOf(header('Cc'));
  const replyTo = addressesOf(header('Reply-To'))[0];
  const smtpFrom = addressesOf(header('Return-Path'))[0];
  const deliveredTo = addressesOf(header('Delivered-To'))[0];
  const subject = parsedRaw ? parsedRaw.subject : header('Subject');
  const senderIp = /client-ip=([0-9a-fA-F.:]+)/.exec(header('Received-SPF') ?? '')?.[1];
  const authentication = header('Authentication-Results') ?? '';
  const result = (method: string) => new RegExp(`\\b${method}=([a-z]+)`, 'i').exec(authentication)?.[1]?.toLowerCase();
  const emailAuth = {
    ...(result('spf') ? { spf: result('spf') } : {}),
    ...(result('dkim') ? { dkim: result('dkim') } : {}),
    ...(result('dmarc') ? { dmarc: result('dmarc') } : {}),
  };

  const observables: Array<{ name: string; type_id: number; value: string }> = [];
  const add = (name: string, typeId: number, value: string | undefined) => {
    if (value) observables.push({ name, type_id: typeId, value });
  };
  add('email.from', observableTypeIds.emailAddress, from);
  for (const address of to) add('email.to', observableTypeIds.emailAddress, address);
  for (const address of cc) add('email.cc', observableTypeIds.emailAddress, address);
  add('email.reply_to', observableTypeIds.emailAddress, replyTo);
  add('email.smtp_from', observableTypeIds.emailAddress, smtpFrom);
  add('email.delivered_to', observableTypeIds.emailAddress, deliveredTo);
  add('src_endpoint.ip', observableTypeIds.ipAddress, senderIp);
  for (const url of urls) add('email.urls.url_string', observableTypeIds.urlString, url);
  for (const file of walked.files) {
    if (!file.name.startsWith('(unnamed ')) add('email.files.name', observableTypeIds.fileName, file.name);
    add(
      'email.files.hashes.value',
      observableTypeIds.hash,
      file.hashes?.find((hash) => hash.algorithm_id === 3)?.value,
    );
  }

  const labels = message.labelIds ?? [];
  const outbound = labels.includes('SENT');
  // Email Activity: activity 1 Send / 2 Receive; direction 1 Inbound / 2 Outbound.
  const activityId = outbound ? 1 : 2;
  const dateHeader = header('Date');
  const time = message.internalDate ? Number(message.internalDate) : dateHeader ? Date.parse(dateHeader) : Number.NaN;
  const summary = `${outbound ? 'Sent' : 'Received'} email${subject ? ` "${subject}"` : ''}${from ? ` from ${from}` : ''}${to.length > 0 ? ` to ${to.join(', ')}` : ''}`;
  return {
    class_uid: 4009,
    class_name: 'Email Activity',
    category_uid: 4,
    category_name: 'Network Activity',
    activity_id: activityId,
    type_uid: 400900 + activityId,
    severity_id: 0,
    time,
    direction_id: outbound ? 2 : 1,
    message: summary,
    email: {
      uid: message.id,
      ...(header('Message-ID') ? { message_uid: header('Message-ID') } : {}),
      ...(from ? { from } : {}),
      ...(to.length > 0 ? { to } : {}),
      ...(cc.length > 0 ? { cc } : {}),
      ...(replyTo ? { reply_to: replyTo } : {}),
      ...(smtpFrom ? { smtp_from: smtpFrom } : {}),
      ...(deliveredTo ? { delivered_to: deliveredTo } : {}),
      ...(subject ? { subject } : {}),
      ...(message.sizeEstimate != null ? { size: message.sizeEstimate } : {}),
      ...(urls.length > 0 ? { urls: urls.map((url) => ({ url_string: url })) } : {}),
      ...(walked.files.length > 0 ? { files: walked.files } : {}),
    },
    ...(Object.keys(emailAuth).length > 0 ? { email_auth: emailAuth } : {}),
    ...(senderIp ? { src_endpoint: { ip: senderIp } } : {}),
    observables,
    metadata: {
      product: { vendor_name: 'Google', name: 'Gmail' },
      uid: message.id,
      ...(labels.length > 0 ? { labels } : {}),
      ...(dateHeader ? { original_time: dateHeader } : {}),
    },
    raw_data: JSON.stringify(raw),
    unmapped: {
      ...(message.threadId ? { thread_id: message.threadId } : {}),
      ...(message.snippet ? { snippet: message.snippet } : {}),
    },
  };
}

export const gmailMessageNormalizer: AlertNormalizer = defineNormalizer({
  id: `${connectorId}.message`,
  connectorId,
  description: 'A Gmail message (users.messages, format full, metadata or raw) as an OCSF Email Activity (4009).',
  input: GmailMessage,
  normalize: (message, payload) => gmailMessageToAlert(message, payload),
});
