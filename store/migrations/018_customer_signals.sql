-- Customer conversations and the signals in every customer text (DESIGN §15).

-- What our team wrote after a call or meeting: customer text the signal detector reads.
ALTER TABLE touchpoints ADD COLUMN IF NOT EXISTS notes text;

-- Slack channels linked to an account, and each one's history back-fill (resumable by its cursor).
CREATE TABLE IF NOT EXISTS customer_channels (
  channel_id      text PRIMARY KEY,
  account_id      text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  name            text,
  shared          boolean NOT NULL DEFAULT false,
  linked_via      text NOT NULL CHECK (linked_via IN ('slack_command', 'cli', 'slack_connect')),
  linked_by       text NOT NULL,
  linked_at       timestamptz NOT NULL,
  backfill_days   integer NOT NULL DEFAULT 365,
  -- conversations.history: the cursor of the next page (null before the first), and where it stopped.
  backfill_cursor text,
  backfill_state  text NOT NULL DEFAULT 'pending' CHECK (backfill_state IN ('pending', 'running', 'done', 'failed')),
  backfill_error  text,
  backfill_pages  integer NOT NULL DEFAULT 0,
  backfilled_at   timestamptz
);
CREATE INDEX IF NOT EXISTS customer_channels_account ON customer_channels (account_id);

-- Messages of linked channels: which side wrote them (the customer, our team, a bot), the thread
-- they belong to. Kept CSE_MESSAGE_RETENTION_DAYS (the daily run deletes older ones).
CREATE TABLE IF NOT EXISTS customer_messages (
  channel_id   text NOT NULL,
  ts           text NOT NULL,
  account_id   text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  thread_ts    text,
  author_id    text,
  author_name  text,
  side         text NOT NULL CHECK (side IN ('customer', 'team', 'bot')),
  text         text NOT NULL,
  at           timestamptz NOT NULL,
  edited_at    timestamptz,
  PRIMARY KEY (channel_id, ts)
);
CREATE INDEX IF NOT EXISTS customer_messages_account_at ON customer_messages (account_id, at);
CREATE INDEX IF NOT EXISTS customer_messages_thread ON customer_messages (channel_id, thread_ts);

-- Signals found in customer text: one row per text and kind, with its quote, side and link.
CREATE TABLE IF NOT EXISTS customer_signals (
  source       text NOT NULL CHECK (source IN ('slack', 'feedback', 'ticket', 'note')),
  source_id    text NOT NULL,
  kind         text NOT NULL,
  account_id   text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  confidence   real NOT NULL,
  quote        text NOT NULL,
  at           timestamptz NOT NULL,
  side         text NOT NULL CHECK (side IN ('customer', 'team', 'bot')),
  link         text,
  detector     text NOT NULL,
  detected_at  timestamptz NOT NULL,
  PRIMARY KEY (source, source_id, kind)
);
CREATE INDEX IF NOT EXISTS customer_signals_account_at ON customer_signals (account_id, at);
CREATE INDEX IF NOT EXISTS customer_signals_kind_at ON customer_signals (kind, at);

-- Which texts the detector has read, and with which detector: a new detector reads them again.
CREATE TABLE IF NOT EXISTS signal_scans (
  source      text NOT NULL,
  source_id   text NOT NULL,
  detector    text NOT NULL,
  scanned_at  timestamptz NOT NULL,
  PRIMARY KEY (source, source_id)
);
