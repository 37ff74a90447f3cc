import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { canonicalCloudResource, cloudResourceNotation, parseArn } from './cloud-resource.js';
import { issueOf } from './__fixtures__/assertions.js';

describe('parseArn', () => {
  it('splits an ARN into its parts', () => {
    expect(parseArn('arn:aws:iam::123456789012:user/division/Alice')).toEqual({
      partition: 'aws',
      service: 'iam',
      region: '',
      accountId: '123456789012',
      resource: 'user/division/Alice',
      resourceType: 'user',
      resourceId: 'division/Alice',
    });
    expect(parseArn('arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:my-fn:PROD')).toMatchObject({
      partition: 'aws-us-gov',
      region: 'us-gov-west-1',
      resourceType: 'function',
      resourceId: 'my-fn:PROD',
    });
    expect(parseArn('arn:aws:s3:::my-bucket')).toMatchObject({
      accountId: '',
      region: '',
      resourceType: null,
      resourceId: 'my-bucket',
    });
    expect(parseArn('arn:aws:iam::aws:policy/AdministratorAccess')).toMatchObject({ accountId: 'aws' });
  });

  it('names the bad field', () => {
    expect(issueOf(() => parseArn('arn:gcp:iam::123456789012:user/a'))).toMatchObject({ path: 'partition' });
    expect(issueOf(() => parseArn('arn:aws:I AM::123456789012:user/a'))).toMatchObject({ path: 'service' });
    expect(issueOf(() => parseArn('arn:aws:ec2:us_east_1:123456789012:instance/i-1'))).toMatchObject({
      path: 'region',
    });
    expect(issueOf(() => parseArn('arn:aws:iam::1234:user/a'))).toMatchObject({ path: 'accountId' });
    expect(issueOf(() => parseArn('arn:aws:iam::123456789012:'))).toMatchObject({ path: 'resource', code: 'empty' });
    expect(issueOf(() => parseArn('arn:aws:iam'))).toMatchObject({ code: 'invalid-format' });
    expect(() => parseArn('urn:aws:iam::123456789012:user/a')).toThrow(ValidationError);
  });
});

describe('canonicalCloudResource', () => {
  it('lower-cases ARN prefixes and keeps the case-sensitive resource part', () => {
    expect(canonicalCloudResource('ARN:AWS:IAM::123456789012:user/Alice')).toBe('arn:aws:iam::123456789012:user/Alice');
    expect(canonicalCloudResource('arn:aws:s3:::Bucket')).not.toBe(canonicalCloudResource('arn:aws:s3:::bucket'));
    expect(canonicalCloudResource('arn:aws:ec2:US-EAST-1:123456789012:instance/i-0abc')).toBe(
      'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc',
    );
  });

  it('lower-cases Azure resource ids and removes a trailing slash', () => {
    const id =
      '/subscriptions/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/resourceGroups/Prod-RG/providers/Microsoft.Compute/virtualMachines/VM-01/';
    expect(canonicalCloudResource(id)).toBe(
      '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourcegroups/prod-rg/providers/microsoft.compute/virtualmachines/vm-01',
    );
    expect(canonicalCloudResource('/providers/Microsoft.Management/managementGroups/Root')).toBe(
      '/providers/microsoft.management/managementgroups/root',
    );
  });

  it('rejects malformed Azure ids', () => {
    expect(issueOf(() => canonicalCloudResource('/subscriptions/not-a-guid/resourceGroups/x'))).toMatchObject({
      path: 'subscriptionId',
    });
    expect(
      issueOf(() => canonicalCloudResource('/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590//resourceGroups/x')),
    ).toMatchObject({ code: 'empty' });
  });

  it('lower-cases the service of Google Cloud full resource names', () => {
    expect(canonicalCloudResource('//Compute.GoogleApis.com/projects/P1/zones/us-central1-a/instances/VM1')).toBe(
      '//compute.googleapis.com/projects/P1/zones/us-central1-a/instances/VM1',
    );
    expect(issueOf(() => canonicalCloudResource('//example.com/x'))).toMatchObject({ path: 'service' });
  });

  it('keeps other ids verbatim as opaque provider ids', () => {
    expect(canonicalCloudResource(' i-0abc123DEF ')).toBe('i-0abc123DEF');
    expect(issueOf(() => canonicalCloudResource('two words'))).toMatchObject({ code: 'invalid-character' });
  });

  it('classifies notations', () => {
    expect(cloudResourceNotation('arn:aws:s3:::b')).toBe('aws-arn');
    expect(cloudResourceNotation('/subscriptions/x')).toBe('azure');
    expect(cloudResourceNotation('//storage.googleapis.com/b')).toBe('gcp');
    expect(cloudResourceNotation('i-0abc')).toBe('opaque');
  });

  it('is idempotent', () => {
    for (const raw of [
      'ARN:AWS:IAM::123456789012:user/Alice',
      '/subscriptions/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/resourceGroups/RG/',
      '//Compute.googleapis.com/projects/P1',
      'i-0abc',
    ]) {
      const canonical = canonicalCloudResource(raw);
      expect(canonicalCloudResource(canonical)).toBe(canonical);
    }
  });
});
