/**
 * Atlassian Document Format, the JSON tree Jira Cloud's REST API v3 takes for descriptions and comments
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/). Models and hosts write plain
 * text; this turns it into the smallest valid document.
 */
export interface AdfText {
  type: 'text';
  text: string;
}
export interface AdfHardBreak {
  type: 'hardBreak';
}
export interface AdfParagraph {
  type: 'paragraph';
  content: (AdfText | AdfHardBreak)[];
}
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfParagraph[];
}

/**
 * Plain text to ADF: blank lines separate paragraphs, single line breaks become hard breaks. Text is never parsed
 * as markup, so whatever an alert contains (HTML, wiki syntax) shows as written.
 */
export function plainTextToAdf(text: string): AdfDocument {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[ \t]*\n)+/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim() !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((block) => ({
      type: 'paragraph',
      content: block.split('\n').flatMap((line, index): (AdfText | AdfHardBreak)[] => {
        const parts: (AdfText | AdfHardBreak)[] = index > 0 ? [{ type: 'hardBreak' }] : [];
        // ADF rejects empty text nodes.
        if (line !== '') parts.push({ type: 'text', text: line });
        return parts;
      }),
    })),
  };
}

/** The text of an ADF document (paragraphs separated by blank lines), e.g. to show a comment to a model. */
export function adfToPlainText(document: unknown): string {
  const blocks: string[] = [];
  const walk = (node: unknown, out: string[]): void => {
    if (typeof node !== 'object' || node === null) return;
    const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
    if (type === 'text' && typeof text === 'string') out.push(text);
    else if (type === 'hardBreak') out.push('\n');
    if (Array.isArray(content)) for (const child of content) walk(child, out);
  };
  const content = (document as { content?: unknown } | null)?.content;
  for (const block of Array.isArray(content) ? content : []) {
    const out: string[] = [];
    walk(block, out);
    blocks.push(out.join(''));
  }
  return blocks.join('\n\n');
}
