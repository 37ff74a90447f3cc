import { describe, expect, it } from 'vitest';
import { parseAddressList } from './address-list.js';

describe('parseAddressList', () => {
  it('keeps display names apart from addresses, even when the name holds a comma or an address', () => {
    expect(parseAddressList('"Doe, Jane" <jane@example.com>, "ceo@example.com" <x@attacker.example>')).toEqual([
      { address: 'jane@example.com', name: 'Doe, Jane' },
      { address: 'x@attacker.example', name: 'ceo@example.com' },
    ]);
  });

  it('flattens groups, drops comments and source routes, and skips the empty group', () => {
    expect(
      parseAddressList('Team: a@example.com (Ann), <@relay.example:b@example.com>; undisclosed-recipients:;'),
    ).toEqual([{ address: 'a@example.com' }, { address: 'b@example.com' }]);
  });

  it('decodes an encoded display name after splitting, so an encoded comma does not split', () => {
    expect(parseAddressList('=?utf-8?Q?Doe=2C_J?= <j@example.com>')).toEqual([
      { address: 'j@example.com', name: 'Doe, J' },
    ]);
  });
});

describe('parseAddressList on hostile input', () => {
  it('finds an address in free text in linear time, even after a long word without "@"', () => {
    expect(parseAddressList('bob@example.com wrote')).toEqual([{ address: 'bob@example.com' }]);
    // The quadratic version takes minutes here, so a regression fails by the test timeout.
    expect(parseAddressList(`${'a'.repeat(200_000)}@ x`)).toEqual([]);
  });
});
