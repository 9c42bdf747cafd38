-- Slack deliveries already answered: Slack retries an event (same event_id) when it did not see
-- an acknowledgement in time; a second delivery must never produce a second answer.
CREATE TABLE slack_deliveries (
  delivery_id  text PRIMARY KEY,
  received_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX slack_deliveries_received_at ON slack_deliveries (received_at);

-- "Disagree" on a health score, with a reason code: the input of a later calibration report.
CREATE TABLE health_disagreements (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  account_id  text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  actor       text NOT NULL,
  as_of       date NOT NULL,
  score       numeric,
  tier        text,
  reason      text NOT NULL CHECK (reason IN ('score_too_high', 'score_too_low', 'data_stale', 'missing_context', 'wrong_account_data')),
  note        text
);
CREATE INDEX health_disagreements_account ON health_disagreements (account_id, at);
