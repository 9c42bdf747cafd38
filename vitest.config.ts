import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'commands/**/*.test.ts'],
    // The fault suite breaks the services on purpose: it runs on its own (npm run test:faults).
    exclude: ['test/faults/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at a time: much of the suite waits on real cse processes, each busy on a core of
    // its own, and vitest's default (cores - 1) leaves one of two cores idle meanwhile.
    maxWorkers: 2,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
