// Tests here load `pg`, which needs resolution without the `import` condition (see vitest.base.ts).
export { configForCommonJsDependencies as default } from '../../vitest.base.ts';
