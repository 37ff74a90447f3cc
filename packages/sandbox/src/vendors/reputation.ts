import type { ReputationState } from '../world/world.js';

/** How engines split over an indicator of each verdict, as VirusTotal-style engine counts. */
export function engineCounts(reputation: ReputationState): {
  malicious: number;
  suspicious: number;
  harmless: number;
  undetected: number;
  timeout: number;
} {
  switch (reputation.verdict) {
    case 'malicious':
      return { malicious: 38 + (reputation.score % 20), suspicious: 3, harmless: 0, undetected: 22, timeout: 0 };
    case 'suspicious':
      return { malicious: 0, suspicious: 4, harmless: 58, undetected: 12, timeout: 0 };
    case 'benign':
      return { malicious: 0, suspicious: 0, harmless: 71, undetected: 21, timeout: 0 };
    default:
      return { malicious: 0, suspicious: 0, harmless: 0, undetected: 92, timeout: 0 };
  }
}

/** VirusTotal's community `reputation` score: negative for bad indicators. */
export function communityScore(reputation: ReputationState): number {
  return { malicious: -76, suspicious: -8, benign: 12, unknown: 0 }[reputation.verdict];
}
