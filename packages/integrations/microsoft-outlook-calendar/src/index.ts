/** @rampart/connector-microsoft-outlook-calendar: Microsoft Outlook calendar (Exchange Online) tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftOutlookCalendarConnector,
  type MicrosoftOutlookCalendarConnectorOptions,
  microsoftOutlookCalendarConnector,
} from './generated/connector.js';
