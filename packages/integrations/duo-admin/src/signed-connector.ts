import { type Connector, createConnector } from '@rampart/connector-kit';
import { type DuoAdminConnectorOptions, duoAdminConnector } from './generated/connector.js';
import { duoSigningTransport } from './request-signing.js';

/**
 * A Duo Admin API connector that signs every request as Duo requires. Pass the integration key and secret key as
 * `credentials: { type: 'basic', username, password }` and the API hostname as `baseUrlVariables.apiHost`; a
 * `transport` given here is the one the signed requests go out on.
 */
export function createDuoAdminConnector(options: DuoAdminConnectorOptions): Connector<typeof duoAdminConnector> {
  const signing = duoSigningTransport({
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const connector = createConnector(duoAdminConnector, { ...options, transport: signing });
  // The kit closes only transports it created itself; the signer (and the default transport inside it) is ours.
  const ownsInnerTransport = options.transport === undefined;
  return {
    ...connector,
    async close() {
      await connector.close();
      if (ownsInnerTransport) await signing.close?.();
    },
  };
}
