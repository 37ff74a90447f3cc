import { createSoc, ruleBasedReasoner } from '@rampart/agents';
import { ContextGraph, MemoryGraphStore } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { shippedScenarios } from '../scenario/load-scenario.js';
import { groundTruthApprovals } from './approval-decisions.js';
import { evaluateContextGain } from './context-gain.js';
import { evaluateScenario } from './evaluate.js';
import { seedContextGraph } from './seed-context-graph.js';

const scenarios = await shippedScenarios();
const contextual = scenarios.filter((scenario) => scenario.tags.includes('context'));
const options = { model: ruleBasedReasoner(), createSoc, approvals: groundTruthApprovals };
const passedIds = (cards: { scenarioId: string; passed: boolean }[]) =>
  cards.filter((card) => card.passed).map((card) => card.scenarioId);

describe('context scenarios', () => {
  it('ships at least three scenarios whose right answer depends on context', () => {
    expect(contextual.map((scenario) => scenario.id)).toEqual(
      expect.arrayContaining([
        'travelling-user-sign-in',
        'critical-file-server-isolation',
        'payroll-domain-marked-benign',
      ]),
    );
    for (const scenario of contextual) expect(scenario.context ?? scenario.tags.includes('feedback')).toBeTruthy();
  });

  it('seeds the graph: governance, travel history and an analyst’s prior case', async () => {
    const store = new MemoryGraphStore();
    for (const scenario of contextual) await seedContextGraph(store, scenario, 'acme');
    const graph = new ContextGraph({ store, tenantId: 'acme' });
    expect((await graph.profile('host:fs-02'))?.governance.criticality).toBe('critical');
    expect((await graph.profile('email:priya.raman@acme.example'))?.node.attributes.signInCountries).toEqual([
      'us',
      'de',
    ]);
    const decisions = await graph.decisionsOn(['case-1042']);
    expect(decisions[0]?.trace).toMatchObject({ decidedBy: { type: 'analyst' }, verdict: 'benign' });
  });
});

describe('evaluateContextGain', () => {
  it('fails every context scenario without the graph, passes those with context in the graph, and learns the rest from feedback', async () => {
    const gain = await evaluateContextGain(contextual, options);
    expect(passedIds(gain.withoutContext.scenarios)).toEqual([]);
    const seeded = contextual.filter((scenario) => !scenario.tags.includes('feedback')).map((scenario) => scenario.id);
    expect(passedIds(gain.withContext.scenarios)).toEqual(seeded);
    expect(passedIds(gain.afterFeedback.scenarios)).toEqual(contextual.map((scenario) => scenario.id));
    expect(gain.withContext.overall.verdictAccuracy!).toBeGreaterThan(gain.withoutContext.overall.verdictAccuracy!);
    expect(gain.afterFeedback.overall.verdictAccuracy).toBe(1);
  }, 120_000);

  it('cites the precedent on the case timeline', async () => {
    const scenario = contextual.find((candidate) => candidate.id === 'payroll-domain-marked-benign')!;
    const { results } = await evaluateScenario(scenario, { ...options, context: true });
    const reasoning = results[0]!.timeline.flatMap((entry) => (entry.type === 'reasoning' ? [entry.data.summary] : []));
    expect(
      reasoning.some((text) =>
        text.includes('Decided like case case-1042, where the analyst dana.wright marked it benign'),
      ),
    ).toBe(true);
  });
});
