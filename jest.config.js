// Dependencies published only as ES modules. Node loads them with require(esm),
// but Jest's module loader cannot yet, so Jest compiles them to CommonJS.
const ESM_ONLY_DEPENDENCIES = ['content-disposition'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    [`node_modules/(${ESM_ONLY_DEPENDENCIES.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_DEPENDENCIES.join('|')})/)`],
  // One PostgreSQL for the run (embedded unless DATABASE_URL is set); each test file makes its own database.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // A guard against a hang, not a speed check: generous enough for a run that
  // shares the two cores with another suite (password hashing and process starts slow down most).
  testTimeout: 180_000,
  maxWorkers: 2,
};
