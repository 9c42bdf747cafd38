-- The public roadmap: an item with a status (under_review → planned → in_progress → shipped), the
-- customer requests linked to it, and every status change. A change waits in roadmap_changes until
-- it is posted to the item's owner channel (announced_at), so a change made from the CLI is posted
-- by the next running bot, and a post that failed is tried again.
CREATE TABLE IF NOT EXISTS roadmap_items (
  roadmap_key  text PRIMARY KEY,
  title        text NOT NULL,
  status       text NOT NULL CHECK (status IN ('under_review', 'planned', 'in_progress', 'shipped')),
  owner        text,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  shipped_at   timestamptz
);

CREATE TABLE IF NOT EXISTS roadmap_links (
  feedback_id  text PRIMARY KEY REFERENCES feedback (feedback_id) ON DELETE CASCADE,
  roadmap_key  text NOT NULL REFERENCES roadmap_items (roadmap_key) ON DELETE CASCADE,
  linked_at    timestamptz NOT NULL,
  linked_by    text
);
CREATE INDEX IF NOT EXISTS roadmap_links_key ON roadmap_links (roadmap_key);

CREATE TABLE IF NOT EXISTS roadmap_changes (
  change_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  roadmap_key   text NOT NULL REFERENCES roadmap_items (roadmap_key) ON DELETE CASCADE,
  from_status   text,
  to_status     text NOT NULL,
  changed_at    timestamptz NOT NULL,
  changed_by    text,
  announced_at  timestamptz
);
CREATE INDEX IF NOT EXISTS roadmap_changes_pending ON roadmap_changes (change_id) WHERE announced_at IS NULL;

-- The playbook's edge cases as events: the customer was acquired (consolidation risk) or acquired a
-- company (expansion).
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_type_check;
ALTER TABLE events ADD CONSTRAINT events_type_check CHECK (type IN (
  'champion_left', 'champion_promoted', 'billing_page_visit', 'data_export', 'competitor_eval',
  'seats_removed', 'usage_limit_hit', 'higher_tier_request', 'api_access_request',
  'new_team_interest', 'funding_round', 'payment_failed', 'integration_failed', 'kickoff_delayed',
  'acquired_by', 'acquired_company'));

-- Who on the customer's side a touchpoint was with (optional): one contact carrying nearly every
-- touchpoint for months is the playbook's champion burnout.
ALTER TABLE touchpoints ADD COLUMN IF NOT EXISTS contact_id text;
