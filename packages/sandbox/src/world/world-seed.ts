import { z } from 'zod';

/**
 * The seed of a simulated tenant: who works there, which machines and mailboxes exist, which cloud keys, what threat
 * intelligence knows. Scenarios carry one under `world`; `createSandbox({ world })` takes one directly. Identifiers
 * a vendor assigns (Okta user ids, Falcon device ids, Defender machine ids, Entra object ids) may be given where a
 * scenario's alerts name them; otherwise they are derived from the name, the same on every run.
 */

/** An ISO 8601 date-time (with `Z` or an offset) or epoch milliseconds; read as epoch milliseconds. */
export const Timestamp = z
  .union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()])
  .transform((value) => (typeof value === 'number' ? value : Date.parse(value)));
export type TimestampInput = z.input<typeof Timestamp>;

const email = z.email().transform((value) => value.toLowerCase());

export const FactorSeed = z.strictObject({
  id: z.string().min(1).optional(),
  type: z.enum(['push', 'sms', 'call', 'totp', 'webauthn', 'email', 'security_question']),
  status: z.enum(['active', 'pending']).default('active'),
  enrolledAt: Timestamp.optional(),
  /** Device or phone the factor is bound to, as the vendor shows it. */
  device: z.string().optional(),
});

export const SessionSeed = z.strictObject({
  id: z.string().min(1).optional(),
  ip: z.string().min(1),
  country: z.string().length(2).optional(),
  city: z.string().optional(),
  startedAt: Timestamp.optional(),
  userAgent: z.string().optional(),
});

/** One sign-in attempt or MFA event, as identity providers log it. */
export const SignInSeed = z.strictObject({
  id: z.string().min(1).optional(),
  at: Timestamp,
  ip: z.string().min(1),
  country: z.string().length(2).optional(),
  city: z.string().optional(),
  /** `denied`: the user (or policy) rejected the attempt, e.g. a refused MFA push. */
  result: z.enum(['success', 'failure', 'denied']),
  /** What happened: a password sign-in, an MFA push sent/answered, a new session. */
  kind: z.enum(['sign-in', 'mfa-push', 'mfa-verify', 'session']).default('sign-in'),
  reason: z.string().optional(),
  userAgent: z.string().optional(),
});

export const UserSeed = z.strictObject({
  /** Sign-in name and mailbox address; the user's identity in targets (`user:<email>`). */
  email,
  name: z.string().min(1),
  /** Okta user id (`00u…`). */
  id: z.string().min(1).optional(),
  /** Entra object id (a GUID). */
  objectId: z.string().min(1).optional(),
  title: z.string().optional(),
  department: z.string().optional(),
  manager: z.string().optional(),
  city: z.string().optional(),
  country: z.string().length(2).optional(),
  /** A VIP: actions on the account need a human's approval (governance). */
  vip: z.boolean().default(false),
  /** Administrators' routine changes are expected; the reasoner may read this from their groups. */
  admin: z.boolean().default(false),
  status: z.enum(['active', 'suspended', 'deprovisioned', 'locked']).default('active'),
  groups: z.array(z.string().min(1)).default([]),
  factors: z.array(FactorSeed).default([]),
  sessions: z.array(SessionSeed).default([]),
  signIns: z.array(SignInSeed).default([]),
});

export const ProcessSeed = z.strictObject({
  pid: z.number().int().positive().optional(),
  name: z.string().min(1),
  commandLine: z.string().optional(),
  sha256: z
    .string()
    .regex(/^[a-fA-F0-9]{64}$/, 'a SHA-256 in hex')
    .transform((value) => value.toLowerCase())
    .optional(),
  user: z.string().optional(),
  parent: z.string().optional(),
  startedAt: Timestamp.optional(),
});

export const HostSeed = z.strictObject({
  hostname: z
    .string()
    .min(1)
    .transform((value) => value.toLowerCase()),
  /** CrowdStrike Falcon device id (`aid`, 32 hex). */
  id: z.string().min(1).optional(),
  /** Microsoft Defender for Endpoint machine id (40 hex). */
  machineId: z.string().min(1).optional(),
  platform: z.enum(['Windows', 'Mac', 'Linux']).default('Windows'),
  osVersion: z.string().optional(),
  ip: z.string().optional(),
  externalIp: z.string().optional(),
  /** Who uses the machine (an email of `users`). */
  user: z.string().optional(),
  /** `critical`: never isolated without a human (governance); `high` and `standard` may be. */
  criticality: z.enum(['standard', 'high', 'critical']).default('standard'),
  contained: z.boolean().default(false),
  tags: z.array(z.string()).default([]),
  processes: z.array(ProcessSeed).default([]),
});

export const AttachmentSeed = z.strictObject({
  name: z.string().min(1),
  sha256: z
    .string()
    .regex(/^[a-fA-F0-9]{64}$/, 'a SHA-256 in hex')
    .transform((value) => value.toLowerCase())
    .optional(),
  contentType: z.string().default('application/octet-stream'),
  size: z.number().int().nonnegative().default(24_576),
});

export const MessageSeed = z.strictObject({
  /** The mail system's id of the message (Graph message id, Gmail id); `message:<id>` in targets. */
  id: z.string().min(1),
  internetMessageId: z.string().optional(),
  from: email,
  fromName: z.string().optional(),
  /** Default: the mailbox's own address. */
  to: z.array(email).optional(),
  subject: z.string(),
  body: z.string().default(''),
  receivedAt: Timestamp,
  urls: z.array(z.string().min(1)).default([]),
  attachments: z.array(AttachmentSeed).default([]),
  isRead: z.boolean().default(false),
  folder: z.string().default('Inbox'),
});

export const MailboxSeed = z.strictObject({
  address: email,
  messages: z.array(MessageSeed).default([]),
});

export const AccessKeySeed = z.strictObject({
  accessKeyId: z.string().regex(/^(AKIA|ASIA)[A-Z0-9]{16}$/, 'an AWS access key id like AKIA…'),
  userName: z.string().min(1),
  status: z.enum(['Active', 'Inactive']).default('Active'),
  createdAt: Timestamp.optional(),
  lastUsed: z
    .strictObject({
      at: Timestamp,
      service: z.string().default('sts'),
      region: z.string().default('us-east-1'),
    })
    .optional(),
});

export const ReputationSeed = z.strictObject({
  type: z.enum(['ip', 'domain', 'url', 'hash']),
  value: z
    .string()
    .min(1)
    .transform((value) => value.toLowerCase()),
  verdict: z.enum(['malicious', 'suspicious', 'benign', 'unknown']),
  /** 0–100 confidence that it is bad (AbuseIPDB's abuse confidence; derived from `verdict` when absent). */
  score: z.number().int().min(0).max(100).optional(),
  tags: z.array(z.string()).default([]),
  country: z.string().length(2).optional(),
  isp: z.string().optional(),
  /** For hashes: the file name engines saw. */
  fileName: z.string().optional(),
});

export const ChannelSeed = z.strictObject({
  name: z
    .string()
    .min(1)
    .transform((value) => value.replace(/^#/, '')),
  id: z.string().min(1).optional(),
});

export const ProjectSeed = z.strictObject({ key: z.string().regex(/^[A-Z][A-Z0-9]+$/), name: z.string().optional() });

export const ServiceSeed = z.strictObject({ id: z.string().min(1), name: z.string().min(1) });

export const WorldSeed = z.strictObject({
  organization: z
    .strictObject({ name: z.string().min(1), domain: z.string().min(1) })
    .default({ name: 'Acme Corporation', domain: 'acme.example' }),
  cloud: z
    .strictObject({ accountId: z.string().regex(/^\d{12}$/), region: z.string().min(1) })
    .default({ accountId: '123456789012', region: 'us-east-1' }),
  users: z.array(UserSeed).default([]),
  hosts: z.array(HostSeed).default([]),
  mailboxes: z.array(MailboxSeed).default([]),
  accessKeys: z.array(AccessKeySeed).default([]),
  reputation: z.array(ReputationSeed).default([]),
  channels: z.array(ChannelSeed).default([{ name: 'soc' }]),
  projects: z.array(ProjectSeed).default([{ key: 'SEC', name: 'Security' }]),
  services: z.array(ServiceSeed).default([{ id: 'PSEC001', name: 'Security On-Call' }]),
});
export type WorldSeed = z.output<typeof WorldSeed>;
export type WorldSeedInput = z.input<typeof WorldSeed>;
export type UserSeed = z.output<typeof UserSeed>;
export type HostSeed = z.output<typeof HostSeed>;
export type MessageSeed = z.output<typeof MessageSeed>;
export type ReputationSeed = z.output<typeof ReputationSeed>;
