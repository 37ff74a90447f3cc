import { createHash } from 'node:crypto';
import { ManualClock } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { AwsSigV4Authenticator } from './auth-aws-sigv4.js';
import { referenceAuthorization } from './auth-aws-sigv4.reference.js';
import { Redactor } from './redaction.js';

/** The kit signs with the AWS SDK's signer; an implementation written from AWS's documentation checks it. */
const credentials = {
  type: 'awsSigV4' as const,
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+with=odd chars',
};
const signingDate = Date.UTC(2026, 10, 27, 8, 59, 7);

const requests: { name: string; method: string; url: string; headers: Record<string, string>; body?: string }[] = [
  {
    name: 'a JSON POST with a body',
    method: 'POST',
    url: 'https://guardduty.eu-west-1.amazonaws.com/detector/abc123/findings/get',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': 'rampart' },
    body: '{"findingIds":["f-1","f-2"]}',
  },
  {
    name: 'a query with repeated, reserved and unicode parameters',
    method: 'GET',
    url: "https://iam.amazonaws.com/?Version=2010-05-08&Action=ListUsers&Marker=a%2Fb%20c&Tag=z&Tag=a&note=caf%C3%A9!*'()",
    headers: { accept: 'application/json', 'x-custom': '  spaced   value  ' },
  },
  {
    name: 'a path with encoded, dot and empty segments',
    method: 'GET',
    url: 'https://guardduty.us-east-1.amazonaws.com/detector/a%20b/./x//../findings/',
    headers: { accept: 'application/json' },
  },
  {
    name: 'a port and a form body',
    method: 'POST',
    url: 'https://sts.localhost.example:8443/',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  },
];

describe("AwsSigV4Authenticator (@smithy/signature-v4) against an independent implementation of AWS's algorithm", () => {
  it.each(requests)('signs $name as AWS documents it', async ({ method, url, headers, body }) => {
    const signed = { method, url: new URL(url), headers: { ...headers }, ...(body !== undefined ? { body } : {}) };
    await new AwsSigV4Authenticator({
      service: 'guardduty',
      region: 'eu-west-1',
      credentials,
      clock: new ManualClock(signingDate),
      redactor: new Redactor(),
    }).sign(signed);

    const { authorization, ...sentHeaders } = signed.headers;
    expect(authorization).toBe(
      referenceAuthorization(
        { method, url: new URL(url), headers: sentHeaders, ...(body !== undefined ? { body } : {}) },
        credentials,
        { region: 'eu-west-1', service: 'guardduty' },
        signingDate,
      ),
    );
    expect(signed.headers['x-amz-content-sha256']).toBe(
      createHash('sha256')
        .update(body ?? '')
        .digest('hex'),
    );
    expect(signed.headers['x-amz-security-token']).toBe(credentials.sessionToken);
    expect(signed.headers.host).toBeUndefined();
  });

  it('signs again when the day changes (the signing key is per day)', async () => {
    const clock = new ManualClock(signingDate);
    const signer = new AwsSigV4Authenticator({
      service: 'iam',
      region: 'us-east-1',
      credentials,
      clock,
      redactor: new Redactor(),
    });
    const first = { method: 'GET', url: new URL('https://iam.amazonaws.com/'), headers: {} as Record<string, string> };
    const second = { method: 'GET', url: new URL('https://iam.amazonaws.com/'), headers: {} as Record<string, string> };
    await signer.sign(first);
    clock.advance(24 * 3_600_000);
    await signer.sign(second);
    expect(first.headers.authorization).toContain('/20261127/us-east-1/iam/aws4_request');
    expect(second.headers.authorization).toContain('/20261128/us-east-1/iam/aws4_request');
  });
});
