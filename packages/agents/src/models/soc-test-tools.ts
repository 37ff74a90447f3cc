import { defineTool, describeTools, type ModelMessage, markUntrusted } from '@rampart/core';
import { z } from 'zod';

/** Three tools of the kind a SOC agent gets, and a conversation that used two of them. */
export const lookupIp = defineTool({
  name: 'lookupIp',
  description: 'Look up the reputation, geolocation and ASN of an IP address in threat intelligence.',
  input: z.object({
    ip: z.string().describe('IPv4 or IPv6 address'),
    includeHistory: z.boolean().optional().describe('Include the last 90 days of sightings'),
  }),
  output: z.object({ reputation: z.enum(['malicious', 'suspicious', 'unknown', 'benign']) }),
  risk: 'read',
  idempotent: true,
  execute: async () => ({ reputation: 'unknown' as const }),
});

export const getHostDetails = defineTool({
  name: 'getHostDetails',
  description: 'Get an EDR host record: hostname, OS, last seen, logged-in users and containment state.',
  input: z.object({ hostId: z.string().min(1) }),
  output: z.object({ hostname: z.string() }),
  risk: 'read',
  idempotent: true,
  execute: async () => ({ hostname: 'FIN-LT-0042' }),
});

export const isolateHost = defineTool({
  name: 'isolateHost',
  description: 'Network-contain a host in the EDR so it can only reach the EDR cloud.',
  input: z.object({ hostId: z.string().min(1), reason: z.string().min(1) }),
  output: z.object({ state: z.string() }),
  risk: 'contain',
  idempotent: true,
  execute: async () => ({ state: 'containment_pending' }),
});

export const socTools = describeTools([lookupIp, getHostDetails, isolateHost]);

export const alertText = markUntrusted(
  { title: 'Impossible travel', user: 'j.doe@acme.example', ip: '203.0.113.7', hostId: 'fa3c2b1e9d8f4a67' },
  { source: 'alert:okta' },
);

/** System prompt, alert, one assistant turn with two parallel calls, their results (one failed), a follow-up. */
export const conversationWithToolResults: ModelMessage[] = [
  { role: 'system', content: 'You are a SOC triage analyst.' },
  { role: 'user', content: alertText },
  {
    role: 'assistant',
    content: 'Checking the IP and the host.',
    toolCalls: [
      { id: 'call_1', name: 'lookupIp', arguments: { ip: '203.0.113.7' } },
      { id: 'call_2', name: 'getHostDetails', arguments: { hostId: 'fa3c2b1e9d8f4a67' } },
    ],
  },
  { role: 'tool', toolCallId: 'call_1', toolName: 'lookupIp', content: '{"reputation":"suspicious"}' },
  {
    role: 'tool',
    toolCallId: 'call_2',
    toolName: 'getHostDetails',
    content: 'EDR returned 503: service unavailable',
    isError: true,
  },
  { role: 'user', content: 'Decide on a verdict.' },
];
