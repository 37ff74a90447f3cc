import { createHash } from 'node:crypto';
import { urlsInText } from './body-urls.js';
import { EmailParseError } from './email-parse-error.js';
import { headerValue, splitHeaderBlock } from './header-fields.js';
import { parseParameterizedValue } from './header-parameters.js';
import type { EmailAttachment, HeaderField } from './parsed-email.js';
import { decodeText } from './text-decoding.js';
import { decodeTransferEncoding } from './transfer-encoding.js';

/** What the walk of a MIME tree collects. */
export interface MimeContent {
  texts: string[];
  htmls: string[];
  urls: Set<string>;
  attachments: EmailAttachment[];
  partCount: number;
}

const maxDepth = 32;
const maxParts = 1_000;
const maxUrls = 500;

/** RFC 2045 §5.1 `type "/" subtype`, both tokens. */
const mediaType = /^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/;

function hash(algorithm: 'md5' | 'sha1' | 'sha256', bytes: Uint8Array): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

function childPath(path: string, index: number): string {
  return path ? `${path}.parts[${index}]` : `parts[${index}]`;
}

function isDelimiterEnd(binary: string, index: number): boolean {
  if (index >= binary.length) return true;
  const code = binary.charCodeAt(index);
  return (
    code === 0x0a ||
    code === 0x0d ||
    code === 0x20 ||
    code === 0x09 ||
    (code === 0x2d && binary.charCodeAt(index + 1) === 0x2d)
  );
}

/**
 * The body parts of a multipart body (RFC 2046 §5.1.1): the text between delimiter lines `--boundary`, up to the
 * close delimiter `--boundary--`. The line break before a delimiter belongs to the delimiter. Preamble and
 * epilogue are dropped. A body without a close delimiter ends at the end of the input, as mail readers do.
 */
export function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let partStart = -1;
  let searchFrom = 0;
  while (searchFrom <= body.length) {
    const found = body.indexOf(delimiter, searchFrom);
    if (found === -1) break;
    const atLineStart = found === 0 || body.charCodeAt(found - 1) === 0x0a;
    const afterDelimiter = found + delimiter.length;
    if (!atLineStart || !isDelimiterEnd(body, afterDelimiter)) {
      searchFrom = found + 1;
      continue;
    }
    if (partStart !== -1) {
      let end = found === 0 ? 0 : found - 1;
      if (end > partStart && body.charCodeAt(end - 1) === 0x0d) end--;
      parts.push(body.slice(partStart, Math.max(partStart, end)));
    }
    if (body.startsWith('--', afterDelimiter)) return parts;
    const lineEnd = body.indexOf('\n', afterDelimiter);
    if (lineEnd === -1) return parts;
    partStart = lineEnd + 1;
    searchFrom = partStart;
  }
  if (partStart !== -1 && partStart < body.length) parts.push(body.slice(partStart));
  return parts;
}

/** Walks one entity (the message or a body part) whose header block is already split off. */
export function walkEntity(
  fields: readonly HeaderField[],
  body: string,
  path: string,
  depth: number,
  into: MimeContent,
): void {
  if (depth > maxDepth) throw new EmailParseError(path, 'too-deep', `MIME parts nested deeper than ${maxDepth}`);
  into.partCount++;
  if (into.partCount > maxParts) throw new EmailParseError(path, 'too-many-parts', `more than ${maxParts} MIME parts`);
  const contentType = parseParameterizedValue(headerValue(fields, 'Content-Type') ?? 'text/plain');
  // RFC 2045 §5.2: a syntactically invalid Content-Type is read as text/plain.
  const type = mediaType.test(contentType.value) ? contentType.value : 'text/plain';
  const disposition = parseParameterizedValue(headerValue(fields, 'Content-Disposition') ?? '');

  if (type.startsWith('multipart/')) {
    const boundary = contentType.parameters.get('boundary');
    if (boundary === undefined || boundary === '') {
      const headersPath = path ? `${path}.headers.content-type` : 'headers.content-type';
      throw new EmailParseError(headersPath, 'invalid-content-type', `${type} without a boundary parameter`);
    }
    splitMultipart(body, boundary).forEach((partText, index) => {
      const part = splitHeaderBlock(partText, childPath(path, index), false);
      walkEntity(part.fields, part.body, childPath(path, index), depth + 1, into);
    });
    return;
  }

  const bytes = decodeTransferEncoding(body, headerValue(fields, 'Content-Transfer-Encoding'));
  const filename = disposition.parameters.get('filename') ?? contentType.parameters.get('name');
  const isAttachment = disposition.value === 'attachment' || filename !== undefined;
  if (!isAttachment && (type === 'text/plain' || type === 'text/html')) {
    const text = decodeText(bytes, contentType.parameters.get('charset'));
    (type === 'text/html' ? into.htmls : into.texts).push(text);
    urlsInText(text, type === 'text/html', into.urls, maxUrls);
    return;
  }
  const contentId = headerValue(fields, 'Content-ID');
  into.attachments.push({
    ...(filename !== undefined ? { filename } : {}),
    contentType: type,
    ...(disposition.value !== '' ? { disposition: disposition.value } : {}),
    ...(contentId !== undefined && contentId !== '' ? { contentId } : {}),
    size: bytes.byteLength,
    md5: hash('md5', bytes),
    sha1: hash('sha1', bytes),
    sha256: hash('sha256', bytes),
    path,
  });
}
