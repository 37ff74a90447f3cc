import { type AnyTool, type ToolSet, toolList } from './define-tool.js';

/**
 * What a tool does, in vendor-neutral words. Connectors tag their tools with these, so an agent (or the
 * built-in rule-based reasoner) can ask for "a tool that suspends a user" and get Okta's or Entra's,
 * whichever the host configured. The list is open: a host may use its own strings too.
 */
export const capabilities = {
  // Enrichment (read)
  'ip.reputation': 'Reputation and context of an IP address',
  'domain.reputation': 'Reputation and context of a domain',
  'url.reputation': 'Reputation and context of a URL',
  'hash.reputation': 'Reputation of a file hash',
  'user.profile': 'Profile, status and attributes of a user account',
  'user.groups': 'Groups and roles a user belongs to',
  'user.factors': 'MFA factors enrolled by a user',
  'user.sign-ins': 'Recent sign-in and audit events of a user',
  'host.details': 'Details and state of an endpoint',
  'host.processes': 'Processes or detections on an endpoint',
  'message.search': 'Search mailboxes for messages',
  'message.get': 'Read one message',
  'cloud.key.details': 'Details and last use of a cloud access key',
  'alerts.list': 'List alerts or findings from the vendor',
  'alerts.get': 'Read one alert or finding from the vendor',
  // Response (write, contain, destructive)
  'user.suspend': 'Suspend or disable a user account',
  'user.unsuspend': 'Re-enable a suspended user account',
  'user.sessions.revoke': 'Sign a user out everywhere',
  'user.factors.reset': 'Remove a user’s MFA factors so they must re-enrol',
  'user.password.reset': 'Force a password reset',
  'host.contain': 'Isolate an endpoint from the network',
  'host.release': 'Lift network isolation of an endpoint',
  'message.purge': 'Delete a message from mailboxes',
  'cloud.key.deactivate': 'Deactivate a cloud access key',
  'indicator.block': 'Block an indicator (hash, domain, IP, URL)',
  'alert.update': 'Update the status of a vendor alert',
  'ticket.create': 'Open a ticket',
  'ticket.comment': 'Comment on a ticket',
  'chat.post': 'Post a message to a chat channel',
  'incident.create': 'Open an on-call incident / page',
} as const;

export type KnownCapability = keyof typeof capabilities;
/** A known capability, or a host's own string. */
export type Capability = KnownCapability | (string & {});

/** The tools that declare `capability`, in the order given. */
export function toolsWithCapability(tools: ToolSet | readonly AnyTool[], capability: Capability): AnyTool[] {
  return toolList(tools).filter((tool) => tool.capabilities.includes(capability));
}
