import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as abuseipdb from '@rampart/connector-abuseipdb';
import * as awsGuardduty from '@rampart/connector-aws-guardduty';
import * as awsIam from '@rampart/connector-aws-iam';
import * as crowdstrikeFalcon from '@rampart/connector-crowdstrike-falcon';
import * as gmail from '@rampart/connector-gmail';
import * as googleWorkspaceAlertCenter from '@rampart/connector-google-workspace-alert-center';
import * as jiraCloud from '@rampart/connector-jira-cloud';
import * as microsoft365Mail from '@rampart/connector-microsoft-365-mail';
import * as microsoftDefenderEndpoint from '@rampart/connector-microsoft-defender-endpoint';
import * as microsoftEntraId from '@rampart/connector-microsoft-entra-id';
import * as okta from '@rampart/connector-okta';
import * as pagerduty from '@rampart/connector-pagerduty';
import * as sentinelone from '@rampart/connector-sentinelone';
import * as slack from '@rampart/connector-slack';
import * as virustotal from '@rampart/connector-virustotal';
import type { Alert, AlertNormalizer } from '@rampart/core';

/** One connector as the fuzz suite drives it: its public intake function and its normalizers. */
export interface FuzzedConnector {
  id: string;
  /** The connector's `normalize…Alerts`, which goes through core's `normalizeAlerts`. */
  normalizeAlerts: (payload: unknown) => Alert[];
  alertNormalizers: readonly AlertNormalizer[];
}

export const connectors: readonly FuzzedConnector[] = [
  {
    id: 'abuseipdb',
    normalizeAlerts: abuseipdb.normalizeAbuseipdbAlerts,
    alertNormalizers: abuseipdb.alertNormalizers,
  },
  {
    id: 'aws-guardduty',
    normalizeAlerts: awsGuardduty.normalizeGuardDutyAlerts,
    alertNormalizers: awsGuardduty.alertNormalizers,
  },
  { id: 'aws-iam', normalizeAlerts: awsIam.normalizeAwsIamAlerts, alertNormalizers: awsIam.alertNormalizers },
  {
    id: 'crowdstrike-falcon',
    normalizeAlerts: crowdstrikeFalcon.normalizeFalconAlerts,
    alertNormalizers: crowdstrikeFalcon.alertNormalizers,
  },
  { id: 'gmail', normalizeAlerts: gmail.normalizeGmailAlerts, alertNormalizers: gmail.alertNormalizers },
  {
    id: 'google-workspace-alert-center',
    normalizeAlerts: googleWorkspaceAlertCenter.normalizeGoogleWorkspaceAlerts,
    alertNormalizers: googleWorkspaceAlertCenter.alertNormalizers,
  },
  {
    id: 'jira-cloud',
    normalizeAlerts: jiraCloud.normalizeJiraCloudAlerts,
    alertNormalizers: jiraCloud.alertNormalizers,
  },
  {
    id: 'microsoft-365-mail',
    normalizeAlerts: microsoft365Mail.normalizeMicrosoft365MailAlerts,
    alertNormalizers: microsoft365Mail.alertNormalizers,
  },
  {
    id: 'microsoft-defender-endpoint',
    normalizeAlerts: microsoftDefenderEndpoint.normalizeDefenderAlerts,
    alertNormalizers: microsoftDefenderEndpoint.alertNormalizers,
  },
  {
    id: 'microsoft-entra-id',
    normalizeAlerts: microsoftEntraId.normalizeMicrosoftEntraIdAlerts,
    alertNormalizers: microsoftEntraId.alertNormalizers,
  },
  { id: 'okta', normalizeAlerts: okta.normalizeOktaAlerts, alertNormalizers: okta.alertNormalizers },
  {
    id: 'pagerduty',
    normalizeAlerts: pagerduty.normalizePagerdutyAlerts,
    alertNormalizers: pagerduty.alertNormalizers,
  },
  {
    id: 'sentinelone',
    normalizeAlerts: sentinelone.normalizeSentinelOneAlerts,
    alertNormalizers: sentinelone.alertNormalizers,
  },
  { id: 'slack', normalizeAlerts: slack.normalizeSlackAlerts, alertNormalizers: slack.alertNormalizers },
  {
    id: 'virustotal',
    normalizeAlerts: virustotal.normalizeVirusTotalAlerts,
    alertNormalizers: virustotal.alertNormalizers,
  },
];

export interface RecordedFixture {
  /** `<connector>/<file>` for messages. */
  name: string;
  payload: unknown;
}

/** The recorded JSON responses in a connector's `src/__fixtures__`, read from the checkout. */
export function recordedFixtures(connectorId: string): RecordedFixture[] {
  const directory = fileURLToPath(
    new URL(`../../packages/integrations/${connectorId}/src/__fixtures__/`, import.meta.url),
  );
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: `${connectorId}/${file}`,
      payload: JSON.parse(readFileSync(`${directory}${file}`, 'utf8')),
    }));
}

/** The fixtures the connector normalizes as they were recorded: the seeds worth mutating. */
export function alertFixtures(connector: FuzzedConnector): RecordedFixture[] {
  return recordedFixtures(connector.id).filter((fixture) => {
    try {
      return connector.normalizeAlerts(fixture.payload).length > 0;
    } catch {
      return false;
    }
  });
}
