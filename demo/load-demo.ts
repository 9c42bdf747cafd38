import { CseError, ErrorCode } from '../core/errors.ts';
import { loadDemoVocabulary } from '../knowledge/demo-vocabulary.ts';
import type { Db } from '../store/db.ts';
import { countAccounts } from '../store/repositories/accounts.ts';
import { bulkLoad } from '../store/repositories/bulk-load.ts';
import { DEFAULT_DEMO_MONTHS, type DemoOptions, type DemoTableName } from './generate-portfolio.ts';
import { demoPortfolio } from './playbook-cases.ts';

export interface DemoSummary {
  accounts: number;
  months: number;
  seed: number;
  as_of: string;
  rows: Record<DemoTableName, number>;
  generate_ms: number;
  load_ms: number;
}

export interface LoadDemoOptions extends DemoOptions {
  /** Clear the customer data already stored (accounts and everything under them, users). */
  replace?: boolean;
  onProgress?: (message: string) => void;
}

/**
 * Generates the demo portfolio and bulk-loads it with COPY in one transaction: either the whole
 * portfolio is stored or nothing is. With `replace`, the customer data already stored goes first.
 */
export async function loadDemo(db: Db, options: LoadDemoOptions): Promise<DemoSummary> {
  if (!Number.isInteger(options.accounts) || options.accounts < 1 || options.accounts > 100_000) {
    throw new CseError(ErrorCode.BadInput, `--accounts ${options.accounts} is out of range`, {
      hint: 'Use a whole number from 1 to 100000',
    });
  }
  const months = options.months ?? DEFAULT_DEMO_MONTHS;
  if (!Number.isInteger(months) || months < 13 || months > 60) {
    throw new CseError(ErrorCode.BadInput, `--months ${months} is out of range`, {
      hint: 'Use a whole number from 13 to 60 (trailing-12 figures need at least 13)',
    });
  }
  const existing = await countAccounts(db);
  if (existing > 0 && !options.replace) {
    throw new CseError(ErrorCode.BadInput, `The store already holds ${existing} accounts`, {
      hint: 'Pass --replace to clear them and load the demo instead, or use another --data-dir',
    });
  }
  const started = performance.now();
  options.onProgress?.(
    `Generating ${options.accounts} demo accounts (seed ${options.seed}, as of ${options.asOf})…`,
  );
  const tables = demoPortfolio(options, loadDemoVocabulary());
  const generated = performance.now();
  // The tables come in DEMO_TABLES order: accounts first, then what refers to them.
  const rows = await bulkLoad(db, tables, {
    replace: existing > 0,
    onTable: (name, n) => options.onProgress?.(`Loading ${name}: ${n.toLocaleString('en-US')} rows`),
  });
  return {
    accounts: options.accounts,
    months,
    seed: options.seed,
    as_of: options.asOf,
    rows,
    generate_ms: Math.round(generated - started),
    load_ms: Math.round(performance.now() - generated),
  };
}
