import type { ConnectorManifest } from '../manifest.js';
import { camelCase, pascalCase } from '../naming.js';

/** The names one connector id fans out to: `okta` -> `@rampart/connector-okta`, `createOktaConnector` ... */
export function connectorNames(id: string) {
  const pascal = pascalCase(id);
  return {
    packageName: `@rampart/connector-${id}`,
    /** `oktaConnector`: the exported ConnectorDefinition. */
    definition: `${camelCase(id)}Connector`,
    /** `createOktaConnector`. */
    factory: `create${pascal}Connector`,
    /** `OktaConnectorOptions`. */
    optionsType: `${pascal}ConnectorOptions`,
    /** `oktaHandlers`: the msw handlers. */
    handlers: `${camelCase(id)}Handlers`,
    /** `oktaMockOperations`: what each operation of the mock vendor answers by default. */
    mockOperations: `${camelCase(id)}MockOperations`,
    /** `createOktaMockVendor`. */
    mockVendorFactory: `create${pascal}MockVendor`,
    /** `oktaSamples`: the sample responses the handlers return. */
    samples: `${camelCase(id)}Samples`,
    /** `okta`: a variable holding the connector in examples. */
    variable: camelCase(id),
  };
}

/** `Okta Workforce Identity`, not `Okta Okta Workforce Identity`. */
export function productName(manifest: Pick<ConnectorManifest, 'vendor' | 'product'>): string {
  return manifest.product.startsWith(manifest.vendor) ? manifest.product : `${manifest.vendor} ${manifest.product}`;
}
