-- Connectors: one row per source with its cursor, so a killed sync resumes where its last
-- committed page ended; each page is written in one transaction with its cursor.
CREATE TABLE IF NOT EXISTS sync_sources (
  source text PRIMARY KEY,
  cursor text,
  started_at timestamptz,
  finished_at timestamptz,
  last_success_at timestamptz,
  pages integer NOT NULL DEFAULT 0,
  counts jsonb NOT NULL DEFAULT '{}',
  last_error text
);

-- Each billing subscription's month-end MRR under the MRR policy, with its native amount and flags:
-- the revenue row of an account and month is the sum of its subscriptions' rows.
CREATE TABLE IF NOT EXISTS billing_subscription_mrr (
  subscription_id text NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  source text NOT NULL,
  account_id text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  customer_id text NOT NULL,
  mrr_cents bigint NOT NULL CHECK (mrr_cents >= 0),
  native_amount bigint NOT NULL,
  currency text NOT NULL,
  flags text[] NOT NULL DEFAULT '{}',
  policy_version text NOT NULL,
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (subscription_id, month)
);
CREATE INDEX IF NOT EXISTS billing_subscription_mrr_account ON billing_subscription_mrr (account_id, month);
