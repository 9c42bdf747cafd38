-- Early-warning alerts (DESIGN §11). An alert's identity is (account, rule, reason key): at most
-- one unresolved alert per identity, so a condition that holds day after day updates its alert
-- instead of raising another one.
CREATE SEQUENCE alert_seq;
CREATE TABLE alerts (
  alert_id            text PRIMARY KEY,
  account_id          text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  rule                text NOT NULL,
  reason_key          text NOT NULL DEFAULT '',
  owner               text,
  severity            text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  state               text NOT NULL CHECK (state IN ('new', 'open', 'acknowledged', 'snoozed', 'escalated', 'resolved')),
  reason              text NOT NULL,
  evidence            jsonb NOT NULL,
  inputs_key          text NOT NULL,
  since               date NOT NULL,
  raised_on           date NOT NULL,
  last_seen           date NOT NULL,
  resolved_on         date,
  resolution          text,
  snoozed_until       date,
  snooze_inputs       text,
  -- pending: not yet planned; dm: sent (or to send) as a DM; digest: held for the owner's digest.
  delivery            text NOT NULL DEFAULT 'pending' CHECK (delivery IN ('pending', 'dm', 'digest')),
  notified_at         timestamptz,
  dm_channel          text,
  dm_ts               text,
  escalated_at        timestamptz,
  digested_on         date,
  playbook_opened_at  timestamptz,
  not_useful          text,
  updated_at          timestamptz NOT NULL
);
CREATE UNIQUE INDEX alerts_identity ON alerts (account_id, rule, reason_key) WHERE state <> 'resolved';
CREATE INDEX alerts_owner_state ON alerts (owner, state);
CREATE INDEX alerts_raised_on ON alerts (raised_on);

-- Every Slack send of the scheduler, keyed by what it is (a DM of one account's alerts on a day,
-- an escalation, a digest of a user's local day): claimed before sending, so no worker, retry or
-- restart sends the same thing twice.
CREATE TABLE alert_sends (
  send_key    text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('dm', 'escalation', 'digest', 'leader_digest')),
  recipient   text NOT NULL,
  day         date NOT NULL,
  alert_ids   text[] NOT NULL DEFAULT '{}',
  claimed_at  timestamptz NOT NULL,
  sent_at     timestamptz,
  channel     text,
  ts          text,
  error       text
);
CREATE INDEX alert_sends_recipient_day ON alert_sends (recipient, kind, day);

-- One row per scheduled job and day: the claim that makes each day's job run once whatever the
-- number of workers and restarts, and the record `cse schedule` shows.
CREATE TABLE scheduled_runs (
  job          text NOT NULL,
  day          date NOT NULL,
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz,
  worker       text NOT NULL,
  summary      jsonb,
  error        text,
  PRIMARY KEY (job, day)
);

-- The user's Slack time zone (users.info `tz`), for digests at their local hour.
ALTER TABLE users ADD COLUMN tz text;
