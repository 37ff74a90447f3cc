import { defineTool } from '@rampart/core/connector';
import { z } from 'zod';
import type { createCrowdstrikeFalconConnector } from './generated/connector.js';
import { SetHostContainmentOutput } from './generated/schemas.js';

type FalconConnector = ReturnType<typeof createCrowdstrikeFalconConnector>;

const HostIds = z.object({
  hostIds: z
    .array(z.string().regex(/^[0-9a-fA-F]{32}$/, 'must be a Falcon device ID (AID): 32 hexadecimal characters'))
    .min(1)
    .max(100)
    .describe('Falcon device IDs (AIDs) of the hosts, from an alert (device.device_id) or searchHosts; at most 100.'),
});

/**
 * Containment as two tools with their own risk. Falcon contains and releases hosts through one endpoint
 * (`POST /devices/entities/devices-actions/v2?action_name=...`), which the generator can only turn into one tool
 * (`setHostContainment`, risk `contain` for both directions). Releasing a host is not containment, so
 * `liftHostContainment` is a `write`: an agent allowed to write may undo its own containment without being allowed
 * to contain.
 */
export function createFalconSocActions(falcon: FalconConnector) {
  const containHost = defineTool({
    name: 'containHost',
    description:
      'Network-contains CrowdStrike Falcon hosts by device ID: they can no longer reach anything but the Falcon ' +
      'cloud, so an attacker loses remote access while the sensor keeps reporting. Reversible with ' +
      'liftHostContainment. Asynchronous: getHostDetails shows containment_pending, then contained.',
    input: HostIds,
    output: SetHostContainmentOutput,
    risk: 'contain',
    idempotent: true,
    scopes: ['Hosts: Write'],
    capabilities: ['host.contain'],
    execute: ({ hostIds }, context) => falcon.tools.setHostContainment({ action: 'contain', ids: hostIds }, context),
  });

  const liftHostContainment = defineTool({
    name: 'liftHostContainment',
    description:
      'Lifts Falcon network containment from hosts by device ID, restoring their network access. Use it to undo ' +
      'containHost once the host is clean. Asynchronous: getHostDetails shows lift_containment_pending, then normal.',
    input: HostIds,
    output: SetHostContainmentOutput,
    risk: 'write',
    idempotent: true,
    scopes: ['Hosts: Write'],
    capabilities: ['host.release'],
    execute: ({ hostIds }, context) =>
      falcon.tools.setHostContainment({ action: 'lift_containment', ids: hostIds }, context),
  });

  return { containHost, liftHostContainment } as const;
}

export type FalconSocActions = ReturnType<typeof createFalconSocActions>;
