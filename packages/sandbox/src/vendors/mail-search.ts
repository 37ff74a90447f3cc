import type { MessageState } from '../world/world.js';

/** Escapes text for an HTML body. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The message body as a mail client renders it: the text, then a link per URL. */
export function htmlBody(message: MessageState): string {
  const paragraphs = message.body
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
  const links = message.urls.map((url) => `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`).join('');
  return `<html><body>${paragraphs}${links}</body></html>`;
}

/** A plain-text body with its links, as Gmail's text/plain part. */
export function plainBody(message: MessageState): string {
  return [message.body, ...message.urls].filter((part) => part !== '').join('\n\n');
}

/**
 * Matches a message against search terms as mail systems read them: `from:`, `to:`, `subject:`, `rfc822msgid:` /
 * `internetMessageId:` operators and free words (in subject, sender or body). Quotes are ignored.
 */
export function matchesSearch(message: MessageState, query: string | undefined): boolean {
  if (query === undefined || query.trim() === '') return true;
  const terms = query
    .replace(/["()]/g, ' ')
    .split(/\s+/)
    .filter((term) => term !== '' && !/^(and|or)$/i.test(term));
  return terms.every((term) => {
    const separator = term.indexOf(':');
    const operator = separator > 0 ? term.slice(0, separator).toLowerCase() : '';
    const value = (separator > 0 ? term.slice(separator + 1) : term).toLowerCase();
    switch (operator) {
      case 'from':
        return message.from.includes(value);
      case 'to':
        return message.to.some((address) => address.includes(value));
      case 'subject':
        return message.subject.toLowerCase().includes(value);
      case 'rfc822msgid':
      case 'internetmessageid':
        return message.internetMessageId.toLowerCase().includes(value);
      case 'received':
      case 'after':
      case 'before':
      case 'newer_than':
      case 'older_than':
      case 'in':
      case 'is':
      case 'has':
        return true;
      default:
        return [message.subject, message.from, message.body, ...message.urls].some((field) =>
          field.toLowerCase().includes(value),
        );
    }
  });
}
