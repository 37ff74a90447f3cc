import type { TransportResponse } from './transport.js';

/**
 * AWS error codes that mean "slow down". AWS answers most of them with HTTP 400, not 429 (IAM's `Throttling`,
 * JSON services' `ThrottlingException`: https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html,
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html), yet the request was refused before
 * it was processed, exactly like a 429.
 */
const throttlingCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'SlowDown',
]);

/** `aws.protocols#...#ThrottlingException:http://...` and `ThrottlingException` both name `ThrottlingException`. */
function bareCode(value: string): string {
  const withoutNamespace = value.slice(value.lastIndexOf('#') + 1);
  const colon = withoutNamespace.indexOf(':');
  return (colon >= 0 ? withoutNamespace.slice(0, colon) : withoutNamespace).trim();
}

/** The AWS error code of a response: the `x-amzn-errortype` header, a JSON `__type`/`code`, or an XML `<Code>`. */
function awsErrorCode(response: TransportResponse): string | undefined {
  const header = response.headers['x-amzn-errortype'];
  if (header !== undefined) return bareCode(header);
  // Error bodies are small; a large body is a real answer, not an error document worth scanning.
  if (response.body.length > 16_384) return undefined;
  const json = /"(?:__type|code|Code)"\s*:\s*"([^"]{1,200})"/.exec(response.body);
  if (json !== null) return bareCode(json[1]!);
  const xml = /<Code>\s*([^<]{1,200}?)\s*<\/Code>/.exec(response.body);
  return xml === null ? undefined : bareCode(xml[1]!);
}

/** True when a response refuses the request for its rate: a 429, or a 4xx that names a throttling error code. */
export function isThrottlingResponse(response: TransportResponse): boolean {
  if (response.status === 429) return true;
  if (response.status < 400 || response.status >= 500) return false;
  const code = awsErrorCode(response);
  return code !== undefined && throttlingCodes.has(code);
}
