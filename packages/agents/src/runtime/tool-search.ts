import type { RegisteredTool } from './tool-registry.js';

export interface ToolSearchQuery {
  query?: string;
  capabilities?: readonly string[];
  limit?: number;
}

const stopWords = new Set([
  'a',
  'an',
  'the',
  'of',
  'to',
  'for',
  'and',
  'or',
  'in',
  'on',
  'with',
  'by',
  'tool',
  'tools',
]);

function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !stopWords.has(word));
}

/**
 * Ranks `candidates` for a search: an exact capability counts most, then each query word found in the tool's
 * name, capabilities or description. Ties keep the candidates' order, so results are deterministic.
 */
export function searchTools(candidates: readonly RegisteredTool[], search: ToolSearchQuery): RegisteredTool[] {
  const wanted = new Set(search.capabilities ?? []);
  const queryWords = words(search.query ?? '');
  const scored = candidates.map((candidate, index) => {
    const tool = candidate.tool;
    let score = 0;
    for (const capability of tool.capabilities) if (wanted.has(capability)) score += 100;
    if (queryWords.length > 0) {
      const nameWords = new Set(words(candidate.name));
      const capabilityWords = new Set(tool.capabilities.flatMap(words));
      const descriptionWords = new Set(words(tool.description));
      for (const word of queryWords) {
        if (nameWords.has(word)) score += 5;
        if (capabilityWords.has(word)) score += 4;
        if (descriptionWords.has(word)) score += 1;
      }
    }
    return { candidate, index, score };
  });
  return scored
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, Math.min(24, Math.max(1, search.limit ?? 10)))
    .map((entry) => entry.candidate);
}
