// Jest runs the TypeScript sources as ES modules (ts-jest ESM preset, transpile only;
// `npm run type-check` is the type gate). Tests start real local servers, so they get time.
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/actions', '<rootDir>/test'],
  testMatch: ['**/__tests__/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*|/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { isolatedModules: true, verbatimModuleSyntax: false } }],
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/summary-reporter.cjs'],
};
