import { type ConnectorOptions, createConnector, defineConnector } from '@rampart/connector-kit';
import { awsIamConnector as generatedDefinition } from './generated/connector.js';
import { iamOperations } from './operations.js';

/**
 * AWS IAM as data: the generated definition's base URL, SigV4 auth, quota and documentation (from manifest.yaml),
 * with the hand-written Query API operations of `operations.ts` in place of the generated raw GetUser call.
 */
export const awsIamConnector = defineConnector({ ...generatedDefinition, operations: iamOperations });

export type AwsIamConnectorOptions = ConnectorOptions<typeof awsIamConnector>;

/** IAM is global and signs in us-east-1 (https://docs.aws.amazon.com/general/latest/gr/iam-service.html). */
const signingRegion = 'us-east-1';

/**
 * Typed, rate-limited IAM tools: `iam.tools.<name>(input)`. Signs in us-east-1 unless the credentials name a region,
 * and asks for XML (the Query API's documented format, which the tools parse) rather than the kit's default JSON.
 */
export function createAwsIamConnector(options: AwsIamConnectorOptions) {
  return createConnector(awsIamConnector, {
    ...options,
    credentials: { region: signingRegion, ...options.credentials },
    headers: { ...options.headers, accept: 'text/xml' },
  });
}
