import { defineConfig } from 'vitest/config';

/**
 * The fault suite: restarts PostgreSQL and stops Redis while cs-engine runs, so it runs on its
 * own (`npm run test:faults`, a CI step after the main runs) against real services, one file at
 * a time. The commands that break and mend the services come from CSE_FAULT_* (see .ci/run).
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
