/**
 * A one-word verdict from VirusTotal's engine counts. Engines disagree and single-engine false positives are common,
 * so a lone detection makes an object suspicious, not malicious; `maliciousAt` sets how many must agree.
 */

/** `last_analysis_stats` of a file, URL, domain or IP report (files also count timeouts and failures). */
export interface VirusTotalAnalysisStats {
  harmless: number;
  malicious: number;
  suspicious: number;
  undetected: number;
  timeout?: number | null | undefined;
}

/** Any report the lookup tools return: `{ data: { attributes: { last_analysis_stats } } }`. */
export interface VirusTotalReportLike {
  data: { attributes?: { last_analysis_stats?: VirusTotalAnalysisStats | null | undefined } | null | undefined };
}

export type VirusTotalVerdictLabel = 'malicious' | 'suspicious' | 'harmless' | 'unknown';

export interface VirusTotalVerdict {
  /** `unknown` when no engine gave an opinion (never analysed, or every engine undetected/timed out). */
  verdict: VirusTotalVerdictLabel;
  /**
   * 0-100: the share of engines that returned a result (harmless, malicious, suspicious or undetected) and flagged
   * the object, a suspicious flag counting half. 0 when no engine returned a result.
   */
  score: number;
  malicious: number;
  suspicious: number;
  harmless: number;
  undetected: number;
  /** Engines that returned a result (timeouts and failures excluded). */
  engines: number;
}

export interface VerdictThresholds {
  /** Malicious detections needed for `malicious`. Default 3. */
  maliciousAt?: number;
  /** Malicious plus suspicious detections needed for `suspicious`. Default 1. */
  suspiciousAt?: number;
}

function statsOf(source: VirusTotalReportLike | VirusTotalAnalysisStats): VirusTotalAnalysisStats | undefined {
  if ('data' in source) return source.data.attributes?.last_analysis_stats ?? undefined;
  return source;
}

/** Turns a report (or its `last_analysis_stats`) into malicious / suspicious / harmless / unknown with a score. */
export function verdictOf(
  source: VirusTotalReportLike | VirusTotalAnalysisStats,
  thresholds: VerdictThresholds = {},
): VirusTotalVerdict {
  const maliciousAt = thresholds.maliciousAt ?? 3;
  const suspiciousAt = thresholds.suspiciousAt ?? 1;
  const stats = statsOf(source);
  const malicious = stats?.malicious ?? 0;
  const suspicious = stats?.suspicious ?? 0;
  const harmless = stats?.harmless ?? 0;
  const undetected = stats?.undetected ?? 0;
  const engines = malicious + suspicious + harmless + undetected;
  const score = engines === 0 ? 0 : Math.round((100 * (malicious + suspicious / 2)) / engines);
  let verdict: VirusTotalVerdictLabel;
  if (malicious >= maliciousAt) verdict = 'malicious';
  else if (malicious + suspicious >= suspiciousAt && malicious + suspicious > 0) verdict = 'suspicious';
  else if (harmless > 0) verdict = 'harmless';
  else verdict = 'unknown';
  return { verdict, score, malicious, suspicious, harmless, undetected, engines };
}
