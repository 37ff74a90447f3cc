import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { factsOfToolResult } from './tool-result-facts.js';

const call = {
  tenantId: 'acme',
  tool: 'getDevice',
  toolCallId: 'call_1',
  connectorId: 'falcon',
  at: 50_000,
  auditLeafIndex: 9,
};

describe('factsOfToolResult', () => {
  it('canonicalises entities and relations and stamps the call on every fact', () => {
    const { facts, rejected } = factsOfToolResult(
      {
        entities: [{ kind: 'host', value: 'DC-01.Corp.Acme.Example', governance: { criticality: 'critical' } }],
        relations: [
          {
            from: { kind: 'user', value: 'ACME\\Admin' },
            relation: 'owns',
            to: { kind: 'host', value: 'DC-01.corp.acme.example' },
            validFrom: 1_000,
          },
        ],
      },
      call,
    );
    expect(rejected).toEqual([]);
    expect(facts.nodes).toEqual([
      expect.objectContaining({
        id: 'host:dc-01.corp.acme.example',
        governance: { criticality: 'critical' },
        validFrom: 50_000,
      }),
    ]);
    expect(facts.edges).toEqual([
      expect.objectContaining({
        from: 'user:acme\\admin',
        relation: 'owns',
        to: 'host:dc-01.corp.acme.example',
        validFrom: 1_000,
      }),
    ]);
    expect(facts.edges?.[0]?.provenance).toEqual({
      source: 'tool-call',
      tenantId: 'acme',
      tool: 'getDevice',
      toolCallId: 'call_1',
      connectorId: 'falcon',
      auditLeafIndex: 9,
    });
  });

  it('drops a relation whose value does not parse, keeps the rest, and reports where', () => {
    const { facts, rejected } = factsOfToolResult(
      {
        relations: [
          {
            from: { kind: 'domain', value: 'a.example' },
            relation: 'resolves-to',
            to: { kind: 'ip', value: '300.1.1.1' },
          },
          {
            from: { kind: 'domain', value: 'a.example' },
            relation: 'resolves-to',
            to: { kind: 'ip', value: '198.51.100.4' },
          },
        ],
      },
      call,
    );
    expect(facts.edges?.map((edge) => edge.to)).toEqual(['ip:198.51.100.4']);
    expect(rejected).toEqual([
      expect.objectContaining({ path: 'relations[0].to.value', kind: 'ip', value: '300.1.1.1' }),
    ]);
  });

  it('rejects an unknown relation naming the path', () => {
    expect(() =>
      factsOfToolResult(
        {
          relations: [
            { from: { kind: 'user', value: 'a' }, relation: 'likes' as never, to: { kind: 'user', value: 'b' } },
          ],
        },
        call,
      ),
    ).toThrow(ValidationError);
  });
});
