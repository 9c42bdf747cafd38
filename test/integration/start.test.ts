import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { cliTestStore } from '../helpers/test-db.ts';

let env: Record<string, string>;
let cleanup: () => Promise<void>;
const embedded = !process.env.DATABASE_URL;

beforeAll(async () => {
  ({ env, cleanup } = await cliTestStore());
});
afterAll(async () => cleanup());

describe('cse start', () => {
  it(
    embedded
      ? 'seeds an empty embedded store with the demo portfolio, says so, and answers in the local chat'
      : 'tells how to load data into an empty PostgreSQL store, then chats',
    async () => {
      const { code, stdout, stderr } = await runCli(['start'], env, 'portfolio review\nexit\n');
      expect(code).toBe(0);
      if (embedded) {
        expect(stderr).toContain('was empty, so I loaded a demo portfolio: 200 accounts (seed 42)');
        expect(stdout).toMatch(/Active accounts: \d{3}\s+ARR: \$[\d,]+/);
        expect(stdout).toContain('Hooli');
      } else {
        expect(stderr).toContain(
          'has no accounts yet: load yours with cse import accounts <file>, or try cse demo',
        );
        expect(stdout).toContain('Active accounts: 0');
      }
    },
  );

  it('does not reseed a store that already has accounts', async () => {
    const { stderr } = await runCli(['start'], env, 'exit\n');
    if (embedded) expect(stderr).not.toContain('loaded a demo portfolio');
    const demo = await runCli(['demo', '--accounts', '5'], env);
    if (embedded) {
      expect(demo.code).toBe(2);
      expect(demo.stderr).toContain('The store already holds 200 accounts. Pass --replace');
    }
  });
});
