import { refang } from '@rampart/core/connector';

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
    text = decodeEntities(withoutTags(withoutScriptsAndStyles(content)));
  }
  for (const match of refang(text).matchAll(/\bhttps?:\/\/[^\s<>"'`]+/gi)) found.push(match[0]);
  const urls: string[] = [];
  for (const candidate of found) {
    const url = unwrapSafeLink(trimTrailing(refang(candidate.trim())));
    if (/^https?:\/\/[^/\s]/i.test(url) && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

/**
 * Sentence punctuation after a URL in prose is not part of it. A loop: `/[.,;:!?)]+$/` backtracks quadratically
 * over a long run of dots (found by fuzz, like the two scanners below, which replace `<[^>]+>`-style expressions).
 */
function trimTrailing(url: string): string {
  let end = url.length;
  while (end > 0 && `.,;:!?)]}>'"`.includes(url[end - 1]!)) end--;
  return url.slice(0, end);
}

/** Removes `<script>…</script>` and `<style>…</style>` elements; an unclosed one runs to the end of the body. */
function withoutScriptsAndStyles(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let position = 0;
  while (position < html.length) {
    const script = lower.indexOf('<script', position);
    const style = lower.indexOf('<style', position);
    const start = script === -1 ? style : style === -1 ? script : Math.min(script, style);
    if (start === -1) break;
    const closing = start === script ? '</script>' : '</style>';
    const end = lower.indexOf(closing, start);
    out += `${html.slice(position, start)} `;
    position = end === -1 ? html.length : end + closing.length;
  }
  return out + html.slice(position);
}

/** Replaces each `<tag …>` with a space; a `<` never closed is kept as text. */
function withoutTags(html: string): string {
  let out = '';
  let position = 0;
  while (position < html.length) {
    const open = html.indexOf('<', position);
    const close = open === -1 ? -1 : html.indexOf('>', open + 1);
    if (open === -1 || close === -1) break;
    out += `${html.slice(position, open)}${close > open + 1 ? ' ' : '<>'}`;
    position = close + 1;
  }
  return out + html.slice(position);
}

/** A numeric character reference as its character; one outside Unicode stays as written. */
function fromCodePoint(code: number, reference: string): string {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : reference;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (reference, code: string) => fromCodePoint(Number(code), reference))
    .replace(/&#x([0-9a-f]+);/gi, (reference, code: string) => fromCodePoint(Number.parseInt(code, 16), reference))
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
