-- Possible duplicates below the auto-merge threshold, shown to the owner with Merge and Not a
-- duplicate, and every decision people make on a pair (also "Not a duplicate" on an auto-merge).
-- A decided pair is never suggested again; the decisions recalibrate the team's thresholds.
CREATE TABLE IF NOT EXISTS feedback_duplicate_pairs (
  feedback_id text NOT NULL REFERENCES feedback (feedback_id) ON DELETE CASCADE,
  candidate_id text NOT NULL REFERENCES feedback (feedback_id) ON DELETE CASCADE,
  similarity double precision NOT NULL,
  shared_subjects text[] NOT NULL DEFAULT '{}',
  -- suggested: shown, not decided; merged / not_duplicate: a person's decision.
  decision text NOT NULL DEFAULT 'suggested' CHECK (decision IN ('suggested', 'merged', 'not_duplicate')),
  rank smallint,
  decided_by text,
  decided_at timestamptz,
  suggested_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (feedback_id, candidate_id)
);
CREATE INDEX IF NOT EXISTS feedback_duplicate_pairs_candidate ON feedback_duplicate_pairs (candidate_id);

-- The team's own dedup thresholds, recalibrated from its decisions (cse feedback calibrate --accept).
CREATE TABLE IF NOT EXISTS feedback_dedup_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  threshold real NOT NULL CHECK (threshold > 0 AND threshold <= 1),
  suggest_from real NOT NULL CHECK (suggest_from > 0 AND suggest_from <= threshold),
  decided_pairs integer NOT NULL,
  accepted_by text NOT NULL,
  accepted_at timestamptz NOT NULL
);

-- With a language model configured, it judges the ambiguous band; its short reason is kept with
-- the merge (feedback.merge_reason) or the suggestion (judge_reason), and shown.
ALTER TABLE feedback ADD COLUMN IF NOT EXISTS merge_reason text;
ALTER TABLE feedback_duplicate_pairs ADD COLUMN IF NOT EXISTS judge_reason text;
