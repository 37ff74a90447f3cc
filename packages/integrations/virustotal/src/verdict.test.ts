import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GetUrlReportOutput } from './generated/schemas.js';
import { verdictOf } from './verdict.js';

const urlReport = GetUrlReportOutput.parse(
  JSON.parse(readFileSync(new URL('./__fixtures__/url-report.json', import.meta.url), 'utf8')),
);

describe('verdictOf', () => {
  it('calls the recorded URL report malicious: 7 of 92 engines flag it', () => {
    expect(verdictOf(urlReport)).toEqual({
      verdict: 'malicious',
      score: 8,
      malicious: 7,
      suspicious: 0,
      harmless: 77,
      undetected: 8,
      engines: 92,
    });
  });

  it('treats a lone detection as suspicious, not malicious', () => {
    const verdict = verdictOf({ harmless: 60, malicious: 1, suspicious: 0, undetected: 10 });
    expect(verdict.verdict).toBe('suspicious');
    expect(verdict.score).toBe(1);
  });

  it('counts suspicious flags half in the score', () => {
    expect(verdictOf({ harmless: 0, malicious: 0, suspicious: 4, undetected: 4 })).toMatchObject({
      verdict: 'suspicious',
      score: 25,
    });
  });

  it('calls an object harmless when engines answered and none flagged it', () => {
    expect(verdictOf({ harmless: 70, malicious: 0, suspicious: 0, undetected: 20, timeout: 2 })).toMatchObject({
      verdict: 'harmless',
      score: 0,
      engines: 90,
    });
  });

  it('says unknown when no engine has an opinion or the report has no analysis', () => {
    expect(verdictOf({ harmless: 0, malicious: 0, suspicious: 0, undetected: 0, timeout: 5 }).verdict).toBe('unknown');
    expect(verdictOf({ harmless: 0, malicious: 0, suspicious: 0, undetected: 12 }).verdict).toBe('unknown');
    expect(verdictOf({ data: { attributes: {} } })).toMatchObject({ verdict: 'unknown', score: 0, engines: 0 });
  });

  it('takes the thresholds a SOC sets', () => {
    const stats = { harmless: 50, malicious: 2, suspicious: 0, undetected: 5 };
    expect(verdictOf(stats).verdict).toBe('suspicious');
    expect(verdictOf(stats, { maliciousAt: 2 }).verdict).toBe('malicious');
    expect(verdictOf({ ...stats, malicious: 1 }, { suspiciousAt: 2 }).verdict).toBe('harmless');
  });
});
