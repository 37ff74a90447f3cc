import { canonicalIpText } from '../observables/ip.js';
import { isoDateOfHeader } from './header-dates.js';
import type { ReceivedHop } from './parsed-email.js';

const clauseKeywords = ['from', 'by', 'via', 'with', 'id', 'for'] as const;

/** The token after a clause keyword (`by mx.example.com` → `mx.example.com`), outside comments. */
function clauseValue(text: string, keyword: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${keyword}\\s+([^\\s;()]+)`, 'i').exec(text);
  return match?.[1]?.replace(/^<|>$/g, '');
}

function firstIp(text: string): string | undefined {
  for (const match of text.matchAll(/\[(?:IPv6:)?([0-9A-Fa-f:.]+)\]/gi)) {
    const ip = canonicalIpText(match[1]!);
    if (typeof ip === 'string') return ip;
  }
  return undefined;
}

/**
 * The connecting IP: the one in the TCP-info comment the receiving server wrote (`from helo (rdns [ip])`),
 * before a bracketed HELO such as `from [10.0.0.5]`, which the sender chose and may forge.
 */
function fromClauseIp(text: string): string | undefined {
  const byIndex = text.search(/\sby\s/i);
  const fromClause = byIndex === -1 ? text : text.slice(0, byIndex);
  for (const comment of fromClause.matchAll(/\(([^()]*)\)/g)) {
    const ip = firstIp(comment[1]!);
    if (ip !== undefined) return ip;
  }
  return firstIp(fromClause);
}

export function parseReceived(raw: string): ReceivedHop {
  const semicolon = raw.lastIndexOf(';');
  const clauses = semicolon === -1 ? raw : raw.slice(0, semicolon);
  const hop: ReceivedHop = { raw };
  const values: Partial<Record<(typeof clauseKeywords)[number], string>> = {};
  for (const keyword of clauseKeywords) {
    const value = clauseValue(clauses, keyword);
    if (value !== undefined) values[keyword] = value;
  }
  if (values.from !== undefined) hop.from = values.from;
  const fromIp = fromClauseIp(clauses);
  if (fromIp !== undefined) hop.fromIp = fromIp;
  if (values.by !== undefined) hop.by = values.by;
  if (values.with !== undefined) hop.with = values.with;
  if (values.id !== undefined) hop.id = values.id;
  if (values.for !== undefined) hop.for = values.for;
  if (semicolon !== -1) {
    const date = isoDateOfHeader(raw.slice(semicolon + 1));
    if (date !== undefined) hop.date = date;
  }
  return hop;
}
