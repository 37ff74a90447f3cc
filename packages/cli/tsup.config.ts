import { packageBuild } from '../../tsup.base';

export default packageBuild({ main: 'src/main.ts', bin: 'src/bin.ts' });
