import { type Config, loadConfig } from '../core/config.ts';
import { loadDemo } from '../demo/load-demo.ts';
import type { Db } from '../store/db.ts';
import { scratchStore } from '../store/scratch-store.ts';

/** The day the evaluation portfolio is as of. */
export const EVAL_AS_OF = '2026-11-24';

/**
 * Runs `work` on a scratch store holding the evaluation portfolio (the 200-account demo, seed
 * 42, as of EVAL_AS_OF) on the configured store, and removes the store after, whatever happens.
 */
export async function withEvalDemo<T>(
  work: (db: Db) => Promise<T>,
  config: Config = loadConfig(),
): Promise<T> {
  const store = await scratchStore(config);
  const db = await store.open();
  try {
    await loadDemo(db, { accounts: 200, seed: 42, asOf: EVAL_AS_OF });
    return await work(db);
  } finally {
    await db.close();
    await store.dispose();
  }
}
