import { describe, expect, it } from 'vitest';
import { observableId, rampartObjectId } from './stix-ids.js';
import { uuidV5 } from './uuid-v5.js';

describe('uuidV5', () => {
  it('matches the RFC 4122 / RFC 9562 name-based example (DNS namespace, www.example.com)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow(TypeError);
  });
});

describe('observableId', () => {
  it('derives the id the STIX 2.1 specification gives for 198.51.100.3 (§2.9 example)', () => {
    // https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html#_64yvzeku5a5c
    expect(observableId('ipv4-addr', { value: '198.51.100.3' })).toBe(
      'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
    );
  });

  it('does not depend on the order of the contributing properties', () => {
    expect(observableId('file', { hashes: { 'SHA-256': 'ab', MD5: 'cd' } })).toBe(
      observableId('file', { hashes: { MD5: 'cd', 'SHA-256': 'ab' } }),
    );
  });

  it('gives Rampart objects stable ids that differ by every name part', () => {
    expect(rampartObjectId('indicator', 'acme', 'case-1')).toBe(rampartObjectId('indicator', 'acme', 'case-1'));
    expect(rampartObjectId('indicator', 'acme', 'case-1')).not.toBe(rampartObjectId('indicator', 'acme', 'case-2'));
    expect(rampartObjectId('indicator', 'a', 'bc')).not.toBe(rampartObjectId('indicator', 'ab', 'c'));
  });
});
