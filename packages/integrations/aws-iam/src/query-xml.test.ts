import { describe, expect, it } from 'vitest';
import { QueryXmlError, queryResult } from './query-xml.js';

describe('queryResult', () => {
  it('turns a result into an object, <member> lists into arrays and keeps the request id', () => {
    const xml =
      '<?xml version="1.0"?><ListThingsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">' +
      '<ListThingsResult><Things><member><Name>a &amp; b</Name></member><member><Name>&#x3C;c&#62;</Name></member>' +
      '</Things><IsTruncated>false</IsTruncated><Empty/><Blank>  </Blank></ListThingsResult>' +
      '<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></ListThingsResponse>';
    expect(queryResult('ListThings', xml)).toEqual({
      Things: [{ Name: 'a & b' }, { Name: '<c>' }],
      IsTruncated: 'false',
      RequestId: 'r-1',
    });
  });

  it('gives the request id alone for actions without a result', () => {
    const xml =
      '<UpdateAccessKeyResponse><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></UpdateAccessKeyResponse>';
    expect(queryResult('UpdateAccessKey', xml)).toEqual({ RequestId: 'r-2' });
  });

  it('reads CDATA sections as text', () => {
    expect(queryResult('GetX', '<GetXResponse><GetXResult><V><![CDATA[a<b]]></V></GetXResult></GetXResponse>')).toEqual(
      { V: 'a<b' },
    );
  });

  it.each([
    ['another action', '<ListUsersResponse></ListUsersResponse>', /expected <GetUserResponse>/],
    ['a mismatched tag', '<GetUserResponse><GetUserResult></GetUserResponse>', /closes/],
    ['an unclosed tag', '<GetUserResponse><GetUserResult>', /not closed/],
    ['a DTD', '<!DOCTYPE x [<!ENTITY e "x">]><GetUserResponse/>', /unexpected markup/],
  ])('rejects %s', (_, xml, message) => {
    expect(() => queryResult('GetUser', xml)).toThrow(QueryXmlError);
    expect(() => queryResult('GetUser', xml)).toThrow(message);
  });
});
