-- Which account a vendor's record is: a HubSpot company, a Zendesk organisation, a Stripe customer.
-- Later pages and later syncs map the vendor's ids through this table, not by matching again.
CREATE TABLE IF NOT EXISTS sync_links (
  source       text NOT NULL,
  object_type  text NOT NULL,
  external_id  text NOT NULL,
  account_id   text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  matched_by   text NOT NULL,
  linked_at    timestamptz NOT NULL,
  PRIMARY KEY (source, object_type, external_id)
);
CREATE INDEX IF NOT EXISTS sync_links_account ON sync_links (account_id);

-- CRM deals as synced: an account's renewal date and contract value are recomputed from its deals
-- whenever a page touches them, so an incremental sync that sees one deal change stays right.
CREATE TABLE IF NOT EXISTS crm_deals (
  deal_id       text PRIMARY KEY,
  source        text NOT NULL,
  account_id    text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  name          text,
  pipeline      text,
  stage         text,
  is_renewal    boolean NOT NULL,
  is_won        boolean NOT NULL,
  is_closed     boolean NOT NULL,
  close_date    date,
  amount_cents  bigint CHECK (amount_cents >= 0),
  modified_at   timestamptz NOT NULL,
  synced_at     timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS crm_deals_account ON crm_deals (account_id);

-- Product analytics calls (Segment's track, identify and group), stored raw as received; the daily
-- rollup turns them into usage rows. message_id makes a retried call a no-op.
CREATE TABLE IF NOT EXISTS product_events (
  message_id   text PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('track', 'identify', 'group')),
  account_id   text,
  user_id      text,
  event        text,
  at           timestamptz NOT NULL,
  received_at  timestamptz NOT NULL,
  body         jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS product_events_at ON product_events (at);
CREATE INDEX IF NOT EXISTS product_events_account_at ON product_events (account_id, at);

-- Which account a product user belongs to, from group calls (a track without context.groupId is
-- attributed through this).
CREATE TABLE IF NOT EXISTS product_user_accounts (
  user_id     text PRIMARY KEY,
  account_id  text NOT NULL,
  at          timestamptz NOT NULL
);
