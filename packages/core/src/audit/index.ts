export * from './audit-event.js';
export * from './audit-leaf.js';
export * from './audit-log.js';
export * from './canonical-json.js';
export {
  type ConsistencyProof,
  EMPTY_TREE_ROOT,
  hashChildren,
  hashLeaf,
  type InclusionProof,
  merkleTreeHash,
  type TrustedTreeHead,
  verifyConsistencyProof,
  verifyInclusionProof,
} from './merkle.js';
export { MerkleFrontier, type MerkleSubtree } from './merkle-frontier.js';
export * from './signed-tree-head.js';
