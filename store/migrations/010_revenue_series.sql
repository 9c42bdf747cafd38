-- Each account's month-end MRR as one ordered series ("month ordinal=cents,…", ordinal = year × 12
-- + month − 1), kept in step with the revenue table by statement triggers: the revenue grid of
-- every retention and cohort figure reads one row per account instead of aggregating every month.
CREATE TABLE revenue_series (
  account_id  text PRIMARY KEY REFERENCES accounts (account_id) ON DELETE CASCADE,
  series      text NOT NULL
);

CREATE FUNCTION refresh_revenue_series(ids text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM revenue_series WHERE account_id = ANY (ids);
  INSERT INTO revenue_series (account_id, series)
  SELECT account_id,
         string_agg((extract(year FROM month)::int * 12 + extract(month FROM month)::int - 1) || '=' || mrr_cents,
                    ',' ORDER BY month)
    FROM revenue
   WHERE account_id = ANY (ids)
   GROUP BY account_id;
$$;

CREATE FUNCTION revenue_series_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_revenue_series(ARRAY(SELECT DISTINCT account_id FROM new_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION revenue_series_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_revenue_series(ARRAY(SELECT account_id FROM new_rows UNION SELECT account_id FROM old_rows));
  RETURN NULL;
END $$;

CREATE FUNCTION revenue_series_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_revenue_series(ARRAY(SELECT DISTINCT account_id FROM old_rows));
  RETURN NULL;
END $$;

CREATE TRIGGER revenue_series_insert AFTER INSERT ON revenue
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION revenue_series_inserted();
CREATE TRIGGER revenue_series_update AFTER UPDATE ON revenue
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION revenue_series_updated();
CREATE TRIGGER revenue_series_delete AFTER DELETE ON revenue
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION revenue_series_deleted();

-- The revenue already stored.
SELECT refresh_revenue_series(ARRAY(SELECT DISTINCT account_id FROM revenue));

-- QBRs held in a quarter: by kind and day, across every account.
CREATE INDEX touchpoints_kind_at ON touchpoints (kind, at);

-- The voice-of-customer window of the dashboard: ratings and NPS answers by day.
CREATE INDEX tickets_csat_day ON tickets ((COALESCE(resolved_at, opened_at))) WHERE csat IS NOT NULL;
CREATE INDEX feedback_source_created ON feedback (source, created_at);
