/**
 * Parses an RFC 8288 `Link` header into `rel -> target` (first target wins). A link may carry several relation
 * types (`rel="next last"`); relation types compare case-insensitively.
 */
export function parseLinkHeader(header: string | undefined): Map<string, string> {
  const links = new Map<string, string>();
  if (header === undefined) return links;
  const linkPattern = /<([^>]*)>((?:\s*;\s*[^;,"=\s]+\s*(?:=\s*(?:"(?:[^"\\]|\\.)*"|[^;,"\s]*))?)*)/g;
  for (const match of header.matchAll(linkPattern)) {
    const target = match[1]!;
    const parameters = match[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,\s]+))/i.exec(parameters);
    const value = rel?.[1] ?? rel?.[2];
    if (value === undefined) continue;
    for (const type of value.trim().split(/\s+/)) {
      const key = type.toLowerCase();
      if (!links.has(key)) links.set(key, target);
    }
  }
  return links;
}
