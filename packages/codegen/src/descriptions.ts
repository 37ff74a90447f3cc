import { humanize } from './naming.js';

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return entities[entity.toLowerCase()] ?? match;
  });
}

/**
 * Sentences vendors put in every operation that do not help a model choose between tools:
 * availability notices, "see also" pointers, legal text.
 */
const boilerplate: RegExp[] = [
  /^(see|refer to|for more (information|details)|to learn more|learn more|more info(rmation)?)\b/i,
  /\bthis api is (available|supported) in the following\b/i,
  /^(important|legal disclaimer)\b/i,
  /^note:\s*(some browsers|this (api|endpoint|operation) is (deprecated|in (beta|preview))|okta recommends)/i,
  /\b(click|run) in postman\b/i,
  /^https?:\/\/\S+$/i,
];

/** Strips HTML and Markdown down to plain sentences on one line. */
export function plainText(text: string): string {
  let out = text;
  out = out.replace(/<!--[\s\S]*?-->/g, ' ');
  out = out.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ');
  out = out.replace(/<br\s*\/?>|<\/(p|div|li|h\d|tr)>/gi, '\n');
  out = out.replace(/<li[^>]*>/gi, '\n');
  out = out.replace(/<[^>]+>/g, '');
  out = decodeEntities(out);
  out = out.replace(/```[\s\S]*?```/g, ' ');
  out = out.replace(/!\[[^\]]*\]\([^)]*\)/g, '');
  out = out.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  out = out.replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1');
  out = out.replace(/^\s{0,3}#{1,6}\s*/gm, '');
  out = out.replace(/^\s{0,3}>\s?/gm, '');
  out = out.replace(/^\s*\|.*\|\s*$/gm, '');
  out = out.replace(/^\s*([-*+]|\d+\.)\s+/gm, '');
  out = out.replace(/(\*\*|__)(.+?)\1/g, '$2');
  out = out.replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s.,;:)!?]|$)/g, '$1$2');
  out = out.replace(/`([^`]+)`/g, '$1');
  out = out.replace(/\{\{[^}]*\}\}/g, '…');
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => (/[.!?:;]$/.test(line) ? line : `${line}.`))
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/(?<!\.)\.\.(?!\.)/g, '.')
    .trim();
}

/** Splits prose into sentences at end punctuation followed by a capital, so `e.g. foo` and `v1.2` stay whole. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"'“(])/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Cuts at the last sentence end within `limit`, else at a word boundary with an ellipsis. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const window = text.slice(0, limit);
  const sentenceEnd = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '));
  if (sentenceEnd >= limit * 0.5) return window.slice(0, sentenceEnd + 1);
  const space = window.lastIndexOf(' ');
  return `${window.slice(0, space > limit * 0.5 ? space : limit - 1).replace(/[\s,;:.-]+$/, '')}…`;
}

/** Plain text without boilerplate sentences, truncated for a model's tool list. */
export function cleanDescription(text: string | undefined, limit = 400): string {
  if (text === undefined) return '';
  const kept = sentences(plainText(text)).filter((sentence) => !boilerplate.some((pattern) => pattern.test(sentence)));
  return truncate(kept.join(' ').trim(), limit);
}

function normalizedForComparison(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface ToolDescriptionSource {
  toolName: string;
  method: string;
  path: string;
  summary?: string;
  description?: string;
  /** The manifest's hand-written description; it wins when present. */
  override?: string;
}

/** A tool description a model can choose by: never empty, never only markup, never a wall of text. */
export function toolDescription(source: ToolDescriptionSource, limit = 400): string {
  if (source.override !== undefined && source.override.trim() !== '') {
    return plainText(source.override);
  }
  const summary = cleanDescription(source.summary, 160);
  const description = cleanDescription(source.description, limit);
  let text: string;
  if (summary === '') text = description;
  else if (description === '') text = summary;
  else if (normalizedForComparison(description).startsWith(normalizedForComparison(summary).replace(/\.$/, ''))) {
    text = description;
  } else text = `${summary.replace(/[.!?]?$/, '.')} ${description}`;
  text = truncate(text, limit);
  if (text.replace(/[^A-Za-z]/g, '').length < 10) {
    // Too short to choose by: say what it is called and where it goes.
    const name = text.replace(/[.!?…]$/, '') || humanize(source.toolName);
    text = `${name} (${source.method} ${source.path}).`;
  }
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}
