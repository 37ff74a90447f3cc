import { type Connector, createConnector, fetchTransport, type Transport } from '@rampart/connector-kit';
import { type ProofpointTapConnectorOptions, proofpointTapConnector } from './generated/connector.js';

const siemPath = /^\/v2\/siem\//;

/**
 * TAP's SIEM API answers 204 with no body when the window holds no events
 * (https://help.proofpoint.com/Threat_Insight_Dashboard/API_Documentation/SIEM_API). The generated tools type the
 * 200 answer only, so an empty window would fail output validation; this transport hands the kit an empty event set
 * instead, which is what the 204 means.
 */
export function emptySiemWindowTransport(inner: Transport): Transport {
  const transport: Transport = {
    async send(request) {
      const response = await inner.send(request);
      if (response.status !== 204 || !siemPath.test(new URL(request.url).pathname)) return response;
      return { status: 200, headers: { ...response.headers, 'content-type': 'application/json' }, body: '{}' };
    },
  };
  if (inner.close) transport.close = () => inner.close?.() ?? Promise.resolve();
  return transport;
}

/**
 * A Proofpoint TAP connector whose SIEM tools return an empty event set (no messagesDelivered, clicksPermitted ...)
 * for a window without events, instead of failing on TAP's empty 204 answer.
 */
export function createProofpointTapConnector(
  options: ProofpointTapConnectorOptions,
): Connector<typeof proofpointTapConnector> {
  const transport = emptySiemWindowTransport(
    options.transport ?? fetchTransport(options.timeouts ? { timeouts: options.timeouts } : {}),
  );
  const connector = createConnector(proofpointTapConnector, { ...options, transport });
  // The kit closes only transports it created; the default one inside the wrapper is ours to close.
  const ownsInnerTransport = options.transport === undefined;
  return {
    ...connector,
    async close() {
      await connector.close();
      if (ownsInnerTransport) await transport.close?.();
    },
  };
}
