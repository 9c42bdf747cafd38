-- Multi-product accounts. Revenue imported with a product column is kept per product line here,
-- and the account's own revenue row for that month is their sum, so every revenue metric stays
-- right per account. Usage imported with a product column is kept per product here beside the
-- account's own usage rows (users of several products are not additive, so those stay the
-- account's to send). A goal may name the product it is about.
CREATE TABLE IF NOT EXISTS product_revenue (
  account_id  text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  product     text NOT NULL CHECK (product <> ''),
  mrr_cents   bigint NOT NULL CHECK (mrr_cents >= 0),
  attributes  jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (account_id, month, product)
);
CREATE INDEX IF NOT EXISTS product_revenue_product ON product_revenue (product, month);

CREATE TABLE IF NOT EXISTS product_usage (
  account_id      text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  date            date NOT NULL,
  product         text NOT NULL CHECK (product <> ''),
  dau             integer CHECK (dau >= 0),
  wau             integer CHECK (wau >= 0),
  mau             integer CHECK (mau >= 0),
  seats_active    integer CHECK (seats_active >= 0),
  core_actions    integer CHECK (core_actions >= 0),
  features_used   integer CHECK (features_used >= 0),
  features_total  integer CHECK (features_total >= 0),
  attributes      jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (account_id, date, product)
);

ALTER TABLE goals ADD COLUMN IF NOT EXISTS product text;
