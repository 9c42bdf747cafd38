-- A Slack delivery is done only once its answer was posted. A claim that never got there (the
-- process died, Slack was unreachable) keeps the question, so a timer can answer it after all.
ALTER TABLE slack_deliveries ADD COLUMN done_at timestamptz;
ALTER TABLE slack_deliveries ADD COLUMN question jsonb;
UPDATE slack_deliveries SET done_at = received_at;
CREATE INDEX slack_deliveries_pending ON slack_deliveries (received_at) WHERE done_at IS NULL;
