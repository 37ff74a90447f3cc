import type { Verdict } from '@rampart/core';
import type { AlertSummary, CaseContext, ContextEvidence } from '../runtime/case-context.js';
import { type CaseKind, kindsOfAlert } from '../soc/case-kinds.js';
import type { ContextFacts } from './context-facts.js';
import type { EvidenceFacts } from './evidence-facts.js';
import { accountName, type Subject } from './subjects.js';

/** How a reputation lookup rated what it was asked about. */
export type Reputation = 'malicious' | 'suspicious' | 'benign' | 'unknown';

const rank: Record<Reputation, number> = { unknown: 0, benign: 1, suspicious: 2, malicious: 3 };

const verdictKeys =
  /^(verdict|reputation|classification|disposition|risk|risk_?level|threat_?level|category|label|status)$/i;

function ratingOfText(text: string): Reputation {
  const value = text.toLowerCase();
  if (/\b(malicious|malware|phishing|high|bad|known[-_ ]bad|c2|botnet|ransomware)\b/.test(value)) return 'malicious';
  if (/\b(suspicious|medium|questionable|spam|risky)\b/.test(value)) return 'suspicious';
  if (
    /\b(benign|harmless|clean|trusted|known[-_ ]good|good|low|safe|undetected|whitelisted|allowlisted)\b/.test(value)
  ) {
    return 'benign';
  }
  return 'unknown';
}

/**
 * Reads a vendor's reputation answer whatever its shape: a verdict-like string (`malicious`, `suspicious`,
 * `clean` …), engine counts (`malicious: 5`), booleans (`isMalicious`) and 0–100 scores (`abuseConfidenceScore`,
 * `riskScore`). The worst rating found wins.
 */
export function reputationOf(output: unknown): Reputation {
  let worst: Reputation = 'unknown';
  const note = (rating: Reputation) => {
    if (rank[rating] > rank[worst]) worst = rating;
  };
  const visit = (value: unknown, key: string, depth: number) => {
    if (depth > 6) return;
    if (typeof value === 'string' && verdictKeys.test(key)) note(ratingOfText(value));
    else if (typeof value === 'number' && Number.isFinite(value)) {
      if (/^(malicious|positives|detections|malicious_?count)$/i.test(key)) note(value > 0 ? 'malicious' : 'benign');
      else if (/^suspicious$/i.test(key) && value > 0) note('suspicious');
      else if (/(abuse_?confidence(_?score)?|risk_?score|threat_?score|^score$|malicious_?score)/i.test(key)) {
        note(value >= 75 ? 'malicious' : value >= 40 ? 'suspicious' : 'benign');
      }
    } else if (
      typeof value === 'boolean' &&
      /^(is_?)?(malicious|blacklisted|blocklisted|listed|known_?bad)$/i.test(key)
    ) {
      note(value ? 'malicious' : 'benign');
    } else if (Array.isArray(value)) for (const item of value) visit(item, key, depth + 1);
    else if (typeof value === 'object' && value !== null) {
      for (const [member, child] of Object.entries(value)) visit(child, member, depth + 1);
    }
  };
  visit(output, '', 0);
  return worst;
}

// The planner asks about every subject against every record on every turn: serialise each input once.
const inputTexts = new WeakMap<ContextEvidence, string>();

function inputText(record: ContextEvidence): string {
  let text = inputTexts.get(record);
  if (text === undefined) {
    text = (JSON.stringify(record.input ?? '') ?? '').toLowerCase();
    inputTexts.set(record, text);
  }
  return text;
}

const namesSubject = (record: ContextEvidence, subject: Subject) => {
  const text = inputText(record);
  return text.includes(subject.value.toLowerCase()) || subject.aliases.some((alias) => text.includes(alias));
};

/** The evidence records about `subject` with any of `capabilities`. */
export function evidenceAbout(context: CaseContext, subject: Subject, capabilities: readonly string[]) {
  return context.evidence.filter(
    (record) =>
      record.capabilities.some((capability) => capabilities.includes(capability)) && namesSubject(record, subject),
  );
}

export interface Assessment {
  verdict: Verdict;
  confidence: number;
  /** The findings the verdict rests on, one sentence each. */
  findings: string[];
  kinds: CaseKind[];
}

// Titles and types only: descriptions and messages carry more attacker-written text and are not needed here.
const textOf = (alert: AlertSummary) => [alert.title, ...alert.types].join(' ');

function signInAnomalies(context: CaseContext): { denials: number; countries: Set<string> } {
  let denials = 0;
  const countries = new Set<string>();
  for (const record of context.evidence) {
    if (record.status !== 'executed' || !record.capabilities.includes('user.sign-ins')) continue;
    const visit = (value: unknown, depth: number) => {
      if (depth > 6) return;
      if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
      else if (typeof value === 'object' && value !== null) {
        const text = JSON.stringify(value).toLowerCase();
        const flat = Object.values(value).every((member) => typeof member !== 'object' || member === null);
        if (flat && /(push|mfa|verify|factor)/.test(text) && /(deny|denied|reject|fail)/.test(text)) denials++;
        for (const [key, member] of Object.entries(value)) {
          if (/^(country|country_?code)$/i.test(key) && typeof member === 'string') countries.add(member.toLowerCase());
          else visit(member, depth + 1);
        }
      }
    };
    visit(record.output, 0);
  }
  return { denials, countries };
}

function isAdmin(context: CaseContext, subject: Subject): boolean {
  return evidenceAbout(context, subject, ['user.profile', 'user.groups']).some(
    (record) =>
      record.status === 'executed' &&
      /\badmin(istrator)?s?\b|it-admins|helpdesk/i.test(JSON.stringify(record.output ?? '')),
  );
}

/** The worst reputation each looked-up subject got, for the subjects any reputation lookup was about. */
export function reputationsOf(context: CaseContext, subjects: readonly Subject[]): Map<Subject, Reputation> {
  const ratings = new Map<Subject, Reputation>();
  for (const subject of subjects) {
    const records = evidenceAbout(context, subject, [
      'ip.reputation',
      'domain.reputation',
      'url.reputation',
      'hash.reputation',
    ]);
    let worst: Reputation = 'unknown';
    for (const record of records) {
      if (record.status !== 'executed') continue;
      const rating = reputationOf(record.output);
      if (rank[rating] > rank[worst]) worst = rating;
    }
    if (records.length > 0) ratings.set(subject, worst);
  }
  return ratings;
}

/**
 * Accounts that signed in from an address rated malicious: whatever the alert was about (a reported phish, say),
 * their credentials are in an attacker's hands, so they are contained like the target of an identity alert.
 */
export function signInsFromMalicious(
  facts: EvidenceFacts,
  subjects: readonly Subject[],
  ratings: ReadonlyMap<Subject, Reputation>,
): { account: Subject; ip: string }[] {
  const malicious = new Set(
    [...ratings].filter(([subject, rating]) => subject.kind === 'ip' && rating === 'malicious').map(([s]) => s.value),
  );
  const found: { account: Subject; ip: string }[] = [];
  for (const signIn of facts.signIns) {
    if (signIn.ip === undefined || !malicious.has(signIn.ip)) continue;
    const name = accountName(signIn.account);
    const account = subjects.find(
      (subject) =>
        subject.kind === 'account' &&
        (subject.aliases.includes(signIn.account.toLowerCase()) || accountName(subject.value) === name),
    );
    if (account !== undefined && !found.some((item) => item.account === account && item.ip === signIn.ip)) {
      found.push({ account, ip: signIn.ip });
    }
  }
  return found;
}

/**
 * Decides a verdict from the evidence, deterministically. In order: a malicious reputation of anything on the
 * case; MFA fatigue or impossible travel; an endpoint detection of high severity; anomalous use of cloud
 * credentials; routine administration by an administrator; a reported message whose sender and links all look
 * clean. Nothing conclusive leaves the case undetermined, at a confidence low enough to hand it to a human.
 */
export function assess(
  context: CaseContext,
  subjects: readonly Subject[],
  facts?: EvidenceFacts,
  known?: ContextFacts,
): Assessment {
  const findings: string[] = [];
  for (const profile of known?.profiles ?? []) {
    if (profile.criticality === 'critical') {
      findings.push(`${profile.entity} is a critical asset (context graph): containing it waits for approval`);
    }
    if (profile.vip === true)
      findings.push(`${profile.entity} is a VIP (context graph): actions on it need tier-3 approval`);
  }
  const kinds = [...new Set(context.alerts.flatMap(kindsOfAlert))];
  const ratings = reputationsOf(context, subjects);
  const malicious = [...ratings].filter(([, rating]) => rating === 'malicious').map(([subject]) => subject);
  const suspicious = [...ratings].filter(([, rating]) => rating === 'suspicious').map(([subject]) => subject);
  for (const subject of malicious) findings.push(`${subject.kind} ${subject.value} has a malicious reputation`);
  for (const subject of suspicious) findings.push(`${subject.kind} ${subject.value} has a suspicious reputation`);
  if (facts !== undefined) {
    for (const { account, ip } of signInsFromMalicious(facts, subjects, ratings)) {
      findings.push(`account ${account.value} signed in from malicious address ${ip}`);
    }
  }

  const alerts = context.alerts;
  const mfaFatigue = alerts.some(
    (alert) =>
      alert.techniques.some((technique) => technique.startsWith('T1621')) ||
      /(mfa|push|verify)[^.]{0,40}(fatigue|bomb|spam|deny|denied|reject)|(fatigue|bomb)[^.]{0,20}(mfa|push)/i.test(
        textOf(alert),
      ),
  );
  const signIns = signInAnomalies(context);
  if (mfaFatigue || signIns.denials >= 3) findings.push('the sign-ins show an MFA fatigue pattern');
  const travelSignals =
    alerts.some((alert) =>
      /impossible travel|atypical travel|anomalous (location|travel)|unfamiliar (sign-?in )?location/i.test(
        textOf(alert),
      ),
    ) || signIns.countries.size >= 2;
  // A traveller's history explains the locations: every country signed in from is one the account has signed in
  // from before, by the context graph's profile of the account.
  const historyCountries = new Set((known?.profiles ?? []).flatMap((profile) => profile.knownCountries));
  const travelExplained =
    travelSignals &&
    signIns.countries.size > 0 &&
    [...signIns.countries].every((country) => historyCountries.has(country));
  const travel = travelSignals && !travelExplained;
  if (travel) findings.push('the sign-ins show impossible travel');
  if (travelExplained) {
    const travellers = (known?.profiles ?? []).filter((profile) => profile.knownCountries.length > 0);
    findings.push(
      `the sign-in countries (${[...signIns.countries].sort().join(', ')}) are in the travel history of ${travellers.map((profile) => profile.entity).join(', ')} (context graph)`,
    );
  }
  const endpointHigh = alerts.some((alert) => kindsOfAlert(alert).includes('endpoint') && alert.severityId >= 4);
  if (endpointHigh) findings.push('an endpoint detection of high severity ran on the host');
  const cloudAnomaly = alerts.some(
    (alert) =>
      kindsOfAlert(alert).includes('cloud') &&
      /(anomal|unusual|unauthori[sz]ed|compromis|exfiltrat|leak|malicious)/i.test(textOf(alert)),
  );
  if (cloudAnomaly) findings.push('cloud credentials were used anomalously');

  const strong = malicious.length + (mfaFatigue || signIns.denials >= 3 ? 1 : 0) + (travel ? 1 : 0);
  if (malicious.length > 0) {
    return { verdict: 'true_positive', confidence: Math.min(0.97, 0.85 + 0.04 * (strong - 1)), findings, kinds };
  }
  // An analyst's verdict on a past case naming the same entities decides a case nothing else here decides: it
  // never outweighs a malicious reputation, an MFA-fatigue pattern or a high-severity detection.
  const precedents = (known?.precedents ?? []).filter((precedent) => precedent.sharedEntities.length > 0);
  const cleared = precedents.find(
    (precedent) => precedent.verdict === 'benign' || precedent.verdict === 'false_positive',
  );
  const endpointOrCloud = endpointHigh || cloudAnomaly;
  if (cleared !== undefined && !mfaFatigue && signIns.denials < 3 && !endpointOrCloud) {
    findings.unshift(cleared.citation);
    return { verdict: cleared.verdict as Verdict, confidence: 0.85, findings, kinds };
  }
  for (const precedent of precedents) findings.push(precedent.citation);
  if (mfaFatigue || signIns.denials >= 3 || travel) {
    return { verdict: 'true_positive', confidence: suspicious.length > 0 ? 0.85 : 0.8, findings, kinds };
  }
  if (endpointHigh || cloudAnomaly) {
    return { verdict: 'true_positive', confidence: suspicious.length > 0 ? 0.8 : 0.75, findings, kinds };
  }
  const accountChange = alerts.every(
    (alert) =>
      alert.classUid === 3001 ||
      /\b(admin(istrator)?|password reset|role (added|assigned)|maintenance)\b/i.test(textOf(alert)),
  );
  const adminActors = subjects.filter(
    (subject) => subject.kind === 'account' && subject.role === 'actor' && isAdmin(context, subject),
  );
  if (accountChange && adminActors.length > 0 && suspicious.length === 0) {
    findings.push(`the change was made by administrator ${adminActors.map((subject) => subject.value).join(', ')}`);
    return { verdict: 'benign', confidence: 0.85, findings, kinds };
  }
  const rated = [...ratings.values()];
  if (kinds.includes('phishing') && rated.length > 0 && rated.every((rating) => rating === 'benign')) {
    findings.push('the sender and every link of the reported message have a clean reputation');
    return { verdict: 'benign', confidence: 0.8, findings, kinds };
  }
  if (
    rated.length > 0 &&
    rated.every((rating) => rating === 'benign') &&
    alerts.every((alert) => alert.severityId <= 2)
  ) {
    findings.push('every indicator is clean and every alert is of low severity');
    return { verdict: 'false_positive', confidence: 0.7, findings, kinds };
  }
  const confirmed = precedents.find((precedent) => precedent.verdict === 'true_positive');
  if (confirmed !== undefined) return { verdict: 'true_positive', confidence: 0.75, findings, kinds };
  if (travelExplained && suspicious.length === 0) {
    return { verdict: 'benign', confidence: 0.8, findings, kinds };
  }
  findings.push('no conclusive evidence either way');
  return { verdict: 'undetermined', confidence: 0.4, findings, kinds };
}
