-- Alerts follow the book: when an account changes hands, its open alerts move to the new owner,
-- and each move is kept here (who had it, who has it, when, and what moved it).
CREATE TABLE IF NOT EXISTS alert_history (
  id          bigserial PRIMARY KEY,
  alert_id    text NOT NULL REFERENCES alerts (alert_id) ON DELETE CASCADE,
  at          timestamptz NOT NULL,
  change      text NOT NULL CHECK (change IN ('owner_changed')),
  from_owner  text,
  to_owner    text,
  by          text NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_history_alert ON alert_history (alert_id, at);
