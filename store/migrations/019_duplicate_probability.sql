-- The duplicate pair model's probability that two items are the same request: on each suggested
-- pair, and on an item merged by it.
ALTER TABLE feedback_duplicate_pairs ADD COLUMN IF NOT EXISTS probability double precision;
ALTER TABLE feedback ADD COLUMN IF NOT EXISTS merge_probability double precision;
