import { abuseipdbVendor } from './abuseipdb.js';
import { awsGuarddutyVendor } from './aws-guardduty.js';
import { awsIamVendor } from './aws-iam.js';
import { crowdstrikeFalconVendor } from './crowdstrike-falcon.js';
import { gmailVendor } from './gmail.js';
import { googleWorkspaceAlertCenterVendor } from './google-workspace-alert-center.js';
import { jiraCloudVendor } from './jira-cloud.js';
import { microsoft365MailVendor } from './microsoft-365-mail.js';
import { microsoftDefenderEndpointVendor } from './microsoft-defender-endpoint.js';
import { microsoftEntraIdVendor } from './microsoft-entra-id.js';
import { oktaVendor } from './okta.js';
import { pagerdutyVendor } from './pagerduty.js';
import { slackVendor } from './slack.js';
import type { AnyVendorBinding } from './vendor-binding.js';
import { virustotalVendor } from './virustotal.js';

/** Every vendor this package simulates, one binding per connector package. */
export const builtInVendors: readonly AnyVendorBinding[] = Object.freeze([
  oktaVendor,
  microsoftEntraIdVendor,
  microsoft365MailVendor,
  gmailVendor,
  crowdstrikeFalconVendor,
  microsoftDefenderEndpointVendor,
  awsGuarddutyVendor,
  awsIamVendor,
  googleWorkspaceAlertCenterVendor,
  virustotalVendor,
  abuseipdbVendor,
  jiraCloudVendor,
  slackVendor,
  pagerdutyVendor,
]);
