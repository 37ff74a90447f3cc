/**
 * The URLs a reader could follow in a text or HTML body: absolute http(s) and ftp links in the text, and the
 * `href`/`src` targets of HTML with character references undone. Trailing sentence punctuation is cut, because
 * "see https://example.com/a." means `/a`. Values are as written (not canonical): the url observable parser
 * decides what is a usable URL.
 */

const textUrl = /\b(?:https?|ftp):\/\/[^\s"'<>()[\]{}\\^`|]+/gi;
const htmlTarget = /\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

const namedReferences: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeCharacterReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (reference, body: string) => {
    if (body[0] !== '#') return namedReferences[body.toLowerCase()] ?? reference;
    const code =
      body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : reference;
  });
}

const trailingPunctuation = new Set(['.', ',', ';', ':', '!', '?', "'", '"']);

/** A loop, not `/[.,;:!?]+$/`, which backtracks quadratically over a long run of dots (found by fuzz). */
function trimPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && trailingPunctuation.has(url[end - 1]!)) end--;
  return url.slice(0, end);
}

export function urlsInText(text: string, html: boolean, into: Set<string>, limit: number): void {
  const source = html ? decodeCharacterReferences(text) : text;
  for (const match of source.matchAll(textUrl)) {
    if (into.size >= limit) return;
    into.add(trimPunctuation(match[0]));
  }
  if (!html) return;
  for (const match of text.matchAll(htmlTarget)) {
    if (into.size >= limit) return;
    const target = decodeCharacterReferences(match[1] ?? match[2] ?? match[3] ?? '').trim();
    if (/^(?:https?|ftp):\/\//i.test(target)) into.add(target);
  }
}
