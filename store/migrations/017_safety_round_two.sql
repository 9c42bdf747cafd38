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

-- The audit log's one deletion is the retention purge, and only this function makes it: the
-- trigger lets a DELETE through only when it runs inside cse_purge_audit (read from the call
-- stack), so no session flag or setting opens the table. The cut-off comes from the database's
-- own clock with a floor of 30 days, so no clock a caller sets can empty the log. SECURITY
-- DEFINER lets a role that owns no tables run the purge without a DELETE grant on the log.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stack text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    GET DIAGNOSTICS stack = PG_CONTEXT;
    IF stack LIKE '%function cse_purge_audit(integer) line%' THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE FUNCTION cse_purge_audit(retention_days integer) RETURNS TABLE (deleted bigint, cutoff timestamptz)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  before timestamptz;
  n bigint;
BEGIN
  IF retention_days IS NULL OR retention_days < 30 THEN
    RAISE EXCEPTION 'the audit log keeps at least 30 days (asked: %)', retention_days USING ERRCODE = 'invalid_parameter_value';
  END IF;
  before := clock_timestamp() - make_interval(days => retention_days);
  DELETE FROM audit_log WHERE at < before;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN QUERY SELECT n, before;
END
$$;

-- Records a connector could not store (a ticket without its creation time, a subscription without
-- items, a value the database refuses), each with its reason: the rest of the page is stored and
-- the cursor moves on, so one bad record never stops a sync. `cse sources` counts them.
CREATE TABLE IF NOT EXISTS sync_quarantine (
  source       text NOT NULL,
  kind         text NOT NULL,
  external_id  text NOT NULL,
  reason       text NOT NULL,
  record       jsonb NOT NULL,
  first_seen   timestamptz NOT NULL,
  last_seen    timestamptz NOT NULL,
  times        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (source, kind, external_id)
);

-- A source whose vendor asked to wait longer than a sync waits (a long Retry-After): its sync runs
-- again as its own job once this moment has passed, and the day's other work does not wait for it.
ALTER TABLE sync_sources ADD COLUMN IF NOT EXISTS deferred_until timestamptz;
