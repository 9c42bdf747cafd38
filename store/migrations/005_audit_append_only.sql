-- The audit log is append-only (DESIGN §10): the database itself refuses UPDATE, DELETE and
-- TRUNCATE on it. The one exception is the retention purge (`cse audit purge`), which sets
-- cse.audit_purge for its own transaction and is itself audited.
ALTER TABLE audit_log ADD COLUMN role text;
ALTER TABLE audit_log ADD COLUMN detail text;
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_surface_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_surface_check
  CHECK (surface IN ('cli', 'chat', 'slack', 'http', 'worker', 'scheduler'));
CREATE INDEX audit_log_actor ON audit_log (actor, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('cse.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
