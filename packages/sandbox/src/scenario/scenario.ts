import { Risk, Verdict } from '@rampart/core';
import { z } from 'zod';
import { Timestamp, WorldSeed } from '../world/world-seed.js';
import { ScenarioContext } from './scenario-context.js';

/**
 * The scenario file format: a simulated tenant (`world`), the vendor-native alerts that start the case, and the
 * ground truth a run is scored against. Written as YAML or JSON; see the package README for a walk-through.
 */

/** `kind:value`, lower-cased: `user:jane.doe@acme.example`, `host:ws-0142`, `access-key:akia…`, `domain:x.example`. */
export const EntityKeyText = z
  .string()
  .regex(
    /^(user|host|mailbox|message|access-key|ip|domain|url|hash|ticket|channel|incident):\S.*$/i,
    'an entity key like user:jane.doe@acme.example, host:ws-0142, message:<id>, access-key:AKIA…, domain:x.example',
  )
  .transform((value) => value.toLowerCase());

/** An action the run must take: a capability (see core's `capabilities`) applied to one entity. */
export const RequiredAction = z.strictObject({
  capability: z.string().min(1),
  target: EntityKeyText,
  /** Why, for people reading the scenario and the scorecard. */
  note: z.string().optional(),
});
export type RequiredAction = z.output<typeof RequiredAction>;

/**
 * Which calls count as a forbidden action: by capability, tool (`okta.suspendUser` or `suspendUser`) or risk (this
 * level or above), optionally only on one target. At least one of capability, tool and risk is needed.
 */
export const ActionMatcher = z
  .strictObject({
    capability: z.string().min(1).optional(),
    tool: z.string().min(1).optional(),
    risk: Risk.exclude(['read']).optional(),
    target: EntityKeyText.optional(),
    note: z.string().optional(),
  })
  .refine((matcher) => matcher.capability ?? matcher.tool ?? matcher.risk, {
    message: 'needs a capability, a tool or a risk',
  });
export type ActionMatcher = z.output<typeof ActionMatcher>;

export const ScenarioAlert = z.strictObject({
  /** The connector that emits the alert, e.g. `okta`, `crowdstrike-falcon`; its `alertNormalizers` read `payload`. */
  connector: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a connector id like okta or crowdstrike-falcon'),
  /** The alert as the vendor delivers it (System Log event, detection, finding …). */
  payload: z.unknown().refine((value) => typeof value === 'object' && value !== null, {
    message: 'must be the vendor-native alert object (or a list of them)',
  }),
  /** When it reaches Rampart, after the scenario's start. Alerts arriving together are handled as one batch. */
  arrivesAfterMs: z.number().int().nonnegative().default(0),
  note: z.string().optional(),
});
export type ScenarioAlert = z.output<typeof ScenarioAlert>;

export const ScenarioShape = z.strictObject({
  /** kebab-case, unique among scenarios. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case, e.g. phishing-link-clicked'),
  title: z.string().min(1),
  description: z.string().min(1),
  tenantId: z.string().min(1),
  tags: z.array(z.string().min(1)).default([]),
  /**
   * The connectors the tenant has (ids like `okta`, `gmail`): a Google Workspace tenant has no Exchange. Default:
   * every vendor the sandbox simulates. Alerts must come from one of them.
   */
  connectors: z
    .array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a connector id like okta'))
    .min(1)
    .optional(),
  /** Simulated time at which the alerts start arriving; the sandbox clock starts here. */
  startAt: Timestamp,
  world: WorldSeed,
  /** What the tenant's context graph knows before the alerts arrive; only runs with the graph see it. */
  context: ScenarioContext.optional(),
  alerts: z.array(ScenarioAlert).min(1),
  /** The verdict a correct run reaches; a list when several are acceptable. */
  expectedVerdict: z
    .union([Verdict, z.array(Verdict).min(1)])
    .transform((value) => (Array.isArray(value) ? value : [value])),
  /** How many cases the alerts must end up in (e.g. 1 for a burst of duplicates). */
  expectedCases: z.number().int().positive().optional(),
  requiredActions: z.array(RequiredAction).default([]),
  forbiddenActions: z.array(ActionMatcher).default([]),
  /** Actions that must wait for a human: paused for approval, executed only after it (or never). */
  approvalRequired: z.array(RequiredAction).default([]),
  /** Simulated time from the first alert's arrival until every required containment action has completed. */
  maxTimeToContainMs: z.number().int().positive().optional(),
});

function knownTargets(world: z.output<typeof WorldSeed>): Set<string> {
  const keys = new Set<string>();
  for (const user of world.users) keys.add(`user:${user.email}`);
  for (const host of world.hosts) keys.add(`host:${host.hostname}`);
  for (const mailbox of world.mailboxes) {
    keys.add(`mailbox:${mailbox.address}`);
    for (const message of mailbox.messages) keys.add(`message:${message.id.toLowerCase()}`);
  }
  for (const key of world.accessKeys) keys.add(`access-key:${key.accessKeyId.toLowerCase()}`);
  return keys;
}

/** Kinds whose targets must exist in the world seed: a typo there would make a scenario impossible to pass. */
const seededKinds = new Set(['user', 'host', 'message', 'access-key']);

/** A scenario, checked: its ground-truth targets exist in its world, and its users and hosts are unique. */
export const Scenario = ScenarioShape.superRefine((scenario, context) => {
  const known = knownTargets(scenario.world);
  const check = (list: 'requiredActions' | 'approvalRequired' | 'forbiddenActions') => {
    scenario[list].forEach((action, index) => {
      const target = action.target;
      if (target === undefined) return;
      const kind = target.slice(0, target.indexOf(':'));
      if (seededKinds.has(kind) && !known.has(target)) {
        context.addIssue({
          code: 'custom',
          path: [list, index, 'target'],
          message: `${target} is not in the world (seed it under world.${kind === 'access-key' ? 'accessKeys' : kind === 'message' ? 'mailboxes[].messages' : `${kind}s`})`,
        });
      }
    });
  };
  if (scenario.connectors !== undefined) {
    const connectors = new Set(scenario.connectors);
    scenario.alerts.forEach((alert, index) => {
      if (!connectors.has(alert.connector)) {
        context.addIssue({
          code: 'custom',
          path: ['alerts', index, 'connector'],
          message: `"${alert.connector}" is not one of the scenario's connectors (${scenario.connectors!.join(', ')})`,
        });
      }
    });
  }
  check('requiredActions');
  check('approvalRequired');
  check('forbiddenActions');
  const unique = (values: string[], path: (index: number) => (string | number)[], what: string) => {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (seen.has(value)) context.addIssue({ code: 'custom', path: path(index), message: `duplicate ${what}` });
      seen.add(value);
    });
  };
  unique(
    scenario.world.users.map((user) => user.email),
    (index) => ['world', 'users', index, 'email'],
    'user email',
  );
  unique(
    scenario.world.hosts.map((host) => host.hostname),
    (index) => ['world', 'hosts', index, 'hostname'],
    'hostname',
  );
});
export type Scenario = z.output<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/**
 * The scenario format as JSON Schema (the input form, before defaults), for editors: `scenario.schema.json` in this
 * package is this value, kept in sync by a test. Cross-field rules (targets that must exist) are checked by `Scenario`.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ScenarioShape, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://rampart.dev/schemas/sandbox-scenario.json',
    title: 'Rampart sandbox scenario',
  };
}
