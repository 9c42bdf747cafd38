-- Why an item joined its canonical item when the similarity alone was below the dedup threshold:
-- the subject words the judge found in both. Empty when the similarity was enough, or not merged.
ALTER TABLE feedback ADD COLUMN merged_on text[] NOT NULL DEFAULT '{}';
