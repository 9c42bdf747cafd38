-- The feedback loop's own state on each item. status: new (stored, waiting) → open (deduplicated,
-- tagged, routed) → acknowledged → resolved; dead when processing failed after every retry.
ALTER TABLE feedback
  ADD COLUMN process_count     integer NOT NULL DEFAULT 0,
  ADD COLUMN not_duplicate_of  text[] NOT NULL DEFAULT '{}',
  ADD COLUMN last_error        text,
  ADD COLUMN nps_category      text,
  ADD COLUMN notified_at       timestamptz,
  ADD COLUMN acknowledged_at   timestamptz,
  ADD COLUMN resolved_at       timestamptz,
  ADD COLUMN escalated_at      timestamptz,
  ADD COLUMN reassigned_to     text;
CREATE INDEX feedback_canonical ON feedback (canonical_id) WHERE canonical_id IS NOT NULL;
