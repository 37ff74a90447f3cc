import { refang } from '@rampart/core';

/**
 * The web links of a message body, refanged and de-duplicated in order of appearance: `href` targets of HTML links
 * and URLs written in the text (`hxxps://evil[.]example/x` as a user pastes it into a report included). Microsoft
 * Defender Safe Links wrappers are unwrapped to the URL they protect. `mailto:` and other non-web links are skipped.
 */
export function urlsInBody(content: string | null | undefined, contentType: string | null | undefined): string[] {
  if (typeof content !== 'string' || content === '') return [];
  const found: string[] = [];
  const html = contentType?.toLowerCase() === 'html' || /<html[\s>]|<a\s/i.test(content);
  let text = content;
  if (html) {
    for (const match of content.matchAll(/\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
      found.push(decodeEntities(match[1] ?? match[2] ?? ''));
    }
    text = decodeEntities(content.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' '));
  }
  for (const match of refang(text).matchAll(/\bhttps?:\/\/[^\s<>"'`]+/gi)) found.push(match[0]);
  const urls: string[] = [];
  for (const candidate of found) {
    const url = unwrapSafeLink(trimTrailing(refang(candidate.trim())));
    if (/^https?:\/\/[^/\s]/i.test(url) && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

/** Sentence punctuation after a URL in prose is not part of it. */
function trimTrailing(url: string): string {
  return url.replace(/[.,;:!?)\]}>'"]+$/, '');
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&nbsp;', ' ')
    .replaceAll('&amp;', '&');
}

/** `https://nam12.safelinks.protection.outlook.com/?url=<encoded>&data=...` → the encoded URL. */
export function unwrapSafeLink(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.hostname.toLowerCase().endsWith('.safelinks.protection.outlook.com')) return url;
  return parsed.searchParams.get('url') ?? url;
}
