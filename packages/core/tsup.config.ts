import { packageBuild } from '../../tsup.base';

// Split: `index` and `connector` share chunks, so both entries load one copy of each module (one class per error,
// one schema per contract) and `connector` alone never evaluates the rest of core.
export default packageBuild(
  { index: 'src/index.ts', connector: 'src/connector.ts', 'testing/index': 'src/testing/index.ts' },
  { splitting: true },
);
