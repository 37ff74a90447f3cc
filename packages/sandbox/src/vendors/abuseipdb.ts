import { abuseipdbConnector, alertNormalizers } from '@rampart/connector-abuseipdb';
import { abuseipdbHandlers } from '@rampart/connector-abuseipdb/testing';
import { iso, text } from './responses.js';
import { defineVendorBinding } from './vendor-binding.js';

/** AbuseIPDB: abuse confidence of IP addresses, from the world's reputation data. */
export const abuseipdbVendor = defineVendorBinding({
  id: 'abuseipdb',
  definition: abuseipdbConnector,
  latencyMs: 200,
  credentials: { type: 'apiKey', key: 'sandbox-abuseipdb-key' },
  fallbackHandlers: () => abuseipdbHandlers(),
  alertNormalizers,
  responders: {
    lookupIp: ({ world, input, at }) => {
      const ip = text(input, 'ipAddress') ?? '';
      const reputation = world.reputationOf('ip', ip);
      const reports = { malicious: 212, suspicious: 9, benign: 0, unknown: 0 }[reputation.verdict];
      return {
        data: {
          ipAddress: ip,
          isPublic: !/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip),
          ipVersion: ip.includes(':') ? 6 : 4,
          isWhitelisted: reputation.verdict === 'benign' ? true : null,
          abuseConfidenceScore: reputation.score,
          countryCode: reputation.country ?? null,
          usageType: reputation.verdict === 'malicious' ? 'Data Center/Web Hosting/Transit' : 'Fixed Line ISP',
          isp: reputation.isp ?? null,
          domain: null,
          hostnames: [],
          isTor: reputation.tags.includes('tor'),
          totalReports: reports,
          numDistinctUsers: Math.ceil(reports / 3),
          lastReportedAt: reports > 0 ? iso(at - 3_600_000) : null,
        },
      };
    },
  },
});
