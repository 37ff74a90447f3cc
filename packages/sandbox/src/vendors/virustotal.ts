import { createHash } from 'node:crypto';
import { alertNormalizers, virustotalActions, virustotalConnector } from '@rampart/connector-virustotal';
import { virustotalHandlers } from '@rampart/connector-virustotal/testing';
import type { ReputationState, World } from '../world/world.js';
import { communityScore, engineCounts } from './reputation.js';
import { text, vendorError } from './responses.js';
import { defineVendorBinding } from './vendor-binding.js';

const base = 'https://www.virustotal.com/api/v3';

function notFound(what: string): Response {
  return vendorError(404, { error: { code: 'NotFoundError', message: `${what} not found` } });
}

function attributes(reputation: ReputationState, at: number) {
  return {
    last_analysis_stats: engineCounts(reputation),
    last_analysis_date: Math.floor(at / 1000) - 3_600,
    reputation: communityScore(reputation),
    tags: reputation.tags,
    total_votes: {
      harmless: reputation.verdict === 'benign' ? 9 : 0,
      malicious: reputation.verdict === 'malicious' ? 14 : 0,
    },
  };
}

/** The URL a VirusTotal URL identifier names: unpadded base64url of the URL, or the SHA-256 of it. */
function urlOf(world: World, urlId: string): string | undefined {
  const decoded = Buffer.from(urlId, 'base64url').toString('utf8');
  if (/^https?:\/\//i.test(decoded)) return decoded;
  for (const entry of world.reputation.values()) {
    if (entry.type === 'url' && createHash('sha256').update(entry.value).digest('hex') === urlId.toLowerCase()) {
      return entry.value;
    }
  }
  return undefined;
}

/** VirusTotal: engine verdicts for files, URLs, domains and IPs, from the world's reputation data. */
export const virustotalVendor = defineVendorBinding({
  id: 'virustotal',
  definition: virustotalConnector,
  latencyMs: 400,
  credentials: { type: 'apiKey', key: 'sandbox-virustotal-key' },
  // The definition states the public API's 4 requests a minute; the sandbox tenant holds a premium key.
  quotas: [
    {
      id: 'premium-per-minute',
      scope: 'credential',
      appliesTo: 'all',
      limit: 1_000,
      windowMs: 60_000,
      source: 'https://docs.virustotal.com/reference/public-vs-premium-api',
    },
  ],
  fallbackHandlers: () => virustotalHandlers(),
  alertNormalizers,
  socTools: (connector) => virustotalActions(connector),
  responders: {
    lookupHash: ({ world, input, at }) => {
      const hash = (text(input, 'hash') ?? '').toLowerCase();
      const reputation = world.reputationOf('hash', hash);
      if (reputation.verdict === 'unknown') return notFound(`File "${hash}"`);
      return {
        data: {
          type: 'file',
          id: hash,
          links: { self: `${base}/files/${hash}` },
          attributes: {
            ...attributes(reputation, at),
            ...(hash.length === 64 && { sha256: hash }),
            ...(hash.length === 40 && { sha1: hash }),
            ...(hash.length === 32 && { md5: hash }),
            meaningful_name: reputation.fileName ?? 'sample.bin',
            names: reputation.fileName === undefined ? [] : [reputation.fileName],
            type_description: 'Win32 EXE',
            size: 184_320,
          },
        },
      };
    },
    getUrlReport: ({ world, input, at }) => {
      const urlId = text(input, 'urlId') ?? '';
      const url = urlOf(world, urlId);
      const reputation = url === undefined ? undefined : world.reputationOf('url', url);
      if (url === undefined || reputation === undefined || reputation.verdict === 'unknown') {
        return notFound(`URL "${urlId}"`);
      }
      return {
        data: {
          type: 'url',
          id: createHash('sha256').update(url).digest('hex'),
          links: { self: `${base}/urls/${urlId}` },
          attributes: { ...attributes(reputation, at), url, last_final_url: url, last_http_response_code: 200 },
        },
      };
    },
    lookupDomain: ({ world, input, at }) => {
      const domain = (text(input, 'domain') ?? '').toLowerCase();
      const reputation = world.reputationOf('domain', domain);
      return {
        data: {
          type: 'domain',
          id: domain,
          links: { self: `${base}/domains/${domain}` },
          attributes: {
            ...attributes(reputation, at),
            registrar: reputation.verdict === 'malicious' ? 'NameSilo, LLC' : 'MarkMonitor Inc.',
            creation_date: Math.floor(at / 1000) - (reputation.verdict === 'malicious' ? 6 : 3_000) * 86_400,
          },
        },
      };
    },
    lookupIp: ({ world, input, at }) => {
      const ip = (text(input, 'ip') ?? '').toLowerCase();
      const reputation = world.reputationOf('ip', ip);
      return {
        data: {
          type: 'ip_address',
          id: ip,
          links: { self: `${base}/ip_addresses/${ip}` },
          attributes: {
            ...attributes(reputation, at),
            ...(reputation.country !== undefined && { country: reputation.country }),
            ...(reputation.isp !== undefined && { as_owner: reputation.isp }),
          },
        },
      };
    },
  },
});
