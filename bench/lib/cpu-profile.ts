import { readFileSync } from 'node:fs';

/**
 * Summaries of V8 profiles: a `.cpuprofile` (what `node --cpu-prof` writes) and a sampling heap profile, as the
 * overhead benchmark reports them — self time (or bytes allocated) per function, and per owner of the code.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

export interface Cost {
  /** `function (file)` */
  name: string;
  /** Who owns the code: `connector-kit`, `core`, an npm package, `node`, or a V8 pseudo-frame like `(garbage collector)`. */
  owner: string;
  /** Milliseconds of CPU, or bytes allocated. */
  amount: number;
  share: number;
}

export interface ProfileSummary {
  /** Self cost per function. */
  functions: Cost[];
  /**
   * Cost per owner, with the cost of native and Node-internal frames (socket writes, JSON.parse, timers) charged to
   * the nearest caller in a package, so it says whose work it was.
   */
  owners: Cost[];
  total: number;
}

const runtimeOwners = new Set(['native', 'node', 'other', '(root)']);
const isWorkspace = (url: string) => /\/packages\//.test(url) && !url.includes('/node_modules/');

function ownerOf(frame: CallFrame): { owner: string; where: string } {
  const { url, functionName } = frame;
  if (url === '') return { owner: functionName.startsWith('(') ? functionName : 'native', where: '' };
  const workspace = /\/packages\/(?:integrations\/)?([^/]+)\/src\/(.+)$/.exec(url);
  if (workspace !== null && isWorkspace(url)) return { owner: workspace[1]!, where: workspace[2]! };
  const dependency = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(url);
  if (dependency !== null) return { owner: dependency[1]!, where: dependency[2]! };
  if (url.startsWith('node:')) return { owner: 'node', where: url.slice('node:'.length) };
  return { owner: 'other', where: url.split('/').slice(-2).join('/') };
}

function frameName(frame: CallFrame): string {
  const { where } = ownerOf(frame);
  // tsx's output keeps no useful line numbers for workspace sources; the function and file name say enough.
  const line = isWorkspace(frame.url) ? '' : `:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'}${where === '' ? '' : ` (${where}${line})`}`;
}

/** Adds up costs charged to (owner of the frame itself, owner charged along the stack). */
class Tally {
  private readonly functions = new Map<string, { owner: string; amount: number }>();
  private readonly owners = new Map<string, number>();
  private total = 0;

  add(frame: CallFrame, chargedOwner: string, amount: number) {
    if (amount === 0) return;
    const name = frameName(frame);
    const entry = this.functions.get(name) ?? { owner: ownerOf(frame).owner, amount: 0 };
    entry.amount += amount;
    this.functions.set(name, entry);
    this.owners.set(chargedOwner, (this.owners.get(chargedOwner) ?? 0) + amount);
    this.total += amount;
  }

  summary(scale: number): ProfileSummary {
    const total = this.total;
    const sorted = (items: Cost[]) => items.sort((a, b) => b.amount - a.amount);
    return {
      total: total * scale,
      functions: sorted(
        [...this.functions].map(([name, { owner, amount }]) => ({
          name,
          owner,
          amount: amount * scale,
          share: amount / total,
        })),
      ),
      owners: sorted(
        [...this.owners].map(([owner, amount]) => ({
          name: owner,
          owner,
          amount: amount * scale,
          share: amount / total,
        })),
      ),
    };
  }
}

function chargeAlong(stack: readonly CallFrame[]): string {
  for (let index = stack.length - 1; index >= 0; index--) {
    const { owner } = ownerOf(stack[index]!);
    if (!runtimeOwners.has(owner)) return owner;
  }
  return 'node';
}

/** Self time (milliseconds) of a `.cpuprofile`, idle and `(program)` excluded. */
export function summarizeCpuProfile(path: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const stackOf = (nodeId: number) => {
    const stack: CallFrame[] = [];
    for (let current: number | undefined = nodeId; current !== undefined; current = parents.get(current)) {
      stack.unshift(byId.get(current)!.callFrame);
    }
    return stack;
  };
  const selfTime = new Map<number, number>();
  profile.samples.forEach((nodeId, index) => {
    selfTime.set(nodeId, (selfTime.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const tally = new Tally();
  for (const [nodeId, microseconds] of selfTime) {
    const frame = byId.get(nodeId)!.callFrame;
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
    tally.add(frame, chargeAlong(stackOf(nodeId)), microseconds);
  }
  return tally.summary(1 / 1000);
}

/** Bytes allocated (sampled) per function, from `HeapProfiler.stopSampling`. */
export function summarizeHeapProfile(path: string): ProfileSummary {
  const { head } = JSON.parse(readFileSync(path, 'utf8')) as { head: HeapNode };
  const tally = new Tally();
  const walk = (node: HeapNode, stack: CallFrame[]) => {
    const here = [...stack, node.callFrame];
    tally.add(node.callFrame, chargeAlong(here), node.selfSize);
    for (const child of node.children) walk(child, here);
  };
  walk(head, []);
  return tally.summary(1);
}
