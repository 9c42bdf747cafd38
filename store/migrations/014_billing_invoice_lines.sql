-- Billing invoice lines as synced: past months' MRR is rebuilt from the lines covering each month
-- end (proration lines included), so a re-sync that sees an invoice change stays right.
CREATE TABLE IF NOT EXISTS billing_invoice_lines (
  line_id          text PRIMARY KEY,
  invoice_id       text NOT NULL,
  invoice_status   text NOT NULL,
  source           text NOT NULL,
  account_id       text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  customer_id      text NOT NULL,
  subscription_id  text,
  currency         text NOT NULL,
  amount           bigint NOT NULL,
  quantity         integer NOT NULL,
  unit_amount      bigint,
  interval         text,
  interval_count   integer,
  proration        boolean NOT NULL,
  period_start     bigint NOT NULL,
  period_end       bigint NOT NULL,
  discounts        jsonb NOT NULL DEFAULT '[]',
  synced_at        timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS billing_invoice_lines_period ON billing_invoice_lines (period_start, period_end);
