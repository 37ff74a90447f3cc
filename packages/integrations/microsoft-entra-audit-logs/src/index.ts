/** @rampart/connector-microsoft-entra-audit-logs: Microsoft Entra audit logs tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftEntraAuditLogsConnector,
  type MicrosoftEntraAuditLogsConnectorOptions,
  microsoftEntraAuditLogsConnector,
} from './generated/connector.js';
