import type { ConnectorTools } from '@rampart/connector-kit';
import { defineTool } from '@rampart/core/connector';
import { z } from 'zod';
import type { createVirustotalConnector, virustotalConnector } from './generated/connector.js';
import { GetUrlReportOutput } from './generated/schemas.js';
import { virusTotalUrlId } from './url-identifier.js';

export type VirustotalConnector = ReturnType<typeof createVirustotalConnector>;
/** What the actions call: any VirusTotal connector (public or premium quotas). */
export interface VirustotalToolSource {
  readonly tools: Pick<ConnectorTools<typeof virustotalConnector>, 'getUrlReport'>;
}

export const LookupUrlInput = z.object({
  url: z
    .string()
    .min(1)
    .describe('The URL exactly as seen in the alert or email, e.g. https://login.example.test/o365; defanged is fine.'),
});

/**
 * SOC actions on top of the generated VirusTotal tools, where the raw operation takes something a model does not
 * have: VirusTotal addresses a URL by an identifier derived from it.
 */
export function virustotalActions(connector: VirustotalToolSource) {
  const lookupUrl = defineTool({
    name: 'lookupUrl',
    description:
      'Looks up a URL on VirusTotal by the URL itself (defanged hxxp/[.] forms are accepted): how many engines ' +
      'call it malicious or suspicious (last_analysis_stats), each engine verdict, categories, the final URL ' +
      'after redirects, HTTP response and reputation. A 404 means VirusTotal has never analysed the URL; ' +
      'submitUrlForScan asks for an analysis.',
    input: LookupUrlInput,
    output: GetUrlReportOutput,
    risk: 'read',
    idempotent: true,
    capabilities: ['url.reputation'],
    execute: (input, context) => connector.tools.getUrlReport({ urlId: virusTotalUrlId(input.url) }, context),
  });
  return { lookupUrl } as const;
}
