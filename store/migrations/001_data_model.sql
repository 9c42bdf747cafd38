-- The data model of DESIGN §5, plus health snapshots, feedback embeddings, the audit log and
-- import runs. Runs unchanged on PostgreSQL 15+ and on PGlite (Postgres 18).
-- Money is stored as integer cents (bigint); months as the first day of the month (date).

CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;

CREATE TABLE accounts (
  account_id       text PRIMARY KEY,
  name             text NOT NULL,
  domain           text,
  segment          text CHECK (segment IN ('enterprise', 'mid-market', 'smb', 'self-serve')),
  industry         text,
  csm              text,
  plan             text,
  arr_cents        bigint CHECK (arr_cents >= 0),
  seats_purchased  integer CHECK (seats_purchased >= 0),
  contract_start   date,
  renewal_date     date,
  contract_term    text CHECK (contract_term IN ('monthly', 'annual', 'multi-year')),
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'churned')),
  churned_at       date,
  churn_reason     text,
  seasonal_months  smallint[] NOT NULL DEFAULT '{}',
  attributes       jsonb NOT NULL DEFAULT '{}',
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX accounts_name_lower ON accounts (lower(name));
CREATE INDEX accounts_csm ON accounts (csm);

CREATE TABLE contacts (
  contact_id       text PRIMARY KEY,
  account_id       text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  name             text,
  title            text,
  email            text,
  role             text CHECK (role IN ('champion', 'exec_sponsor', 'technical_lead', 'admin', 'user')),
  last_engaged_at  date,
  left_at          date,
  attributes       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX contacts_account ON contacts (account_id);

CREATE TABLE revenue (
  account_id  text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  month       date NOT NULL CHECK (extract(day FROM month) = 1),
  mrr_cents   bigint NOT NULL CHECK (mrr_cents >= 0),
  attributes  jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (account_id, month)
);
CREATE INDEX revenue_month ON revenue (month);

CREATE TABLE usage (
  account_id      text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  date            date NOT NULL,
  dau             integer CHECK (dau >= 0),
  wau             integer CHECK (wau >= 0),
  mau             integer CHECK (mau >= 0),
  seats_active    integer CHECK (seats_active >= 0),
  core_actions    integer CHECK (core_actions >= 0),
  features_used   integer CHECK (features_used >= 0),
  features_total  integer CHECK (features_total >= 0),
  attributes      jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (account_id, date)
);

CREATE TABLE tickets (
  ticket_id    text PRIMARY KEY,
  account_id   text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  opened_at    timestamptz NOT NULL,
  severity     text CHECK (severity IN ('p1', 'p2', 'p3', 'p4')),
  status       text,
  resolved_at  timestamptz,
  csat         smallint CHECK (csat BETWEEN 1 AND 5),
  subject      text,
  body         text,
  attributes   jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX tickets_account_opened ON tickets (account_id, opened_at);

CREATE TABLE feedback (
  feedback_id      text PRIMARY KEY,
  account_id       text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  source           text NOT NULL CHECK (source IN ('nps', 'csat', 'survey', 'ticket', 'in_app', 'call_note', 'slack')),
  created_at       timestamptz NOT NULL,
  score            smallint CHECK (score BETWEEN 0 AND 10),
  text             text NOT NULL,
  author           text,
  attributes       jsonb NOT NULL DEFAULT '{}',
  -- Processing state, filled by the feedback loop (never by import).
  received_at      timestamptz NOT NULL DEFAULT now(),
  status           text NOT NULL DEFAULT 'new',
  embedding        vector(512),
  embedding_model  text,
  canonical_id     text REFERENCES feedback (feedback_id) ON DELETE SET NULL,
  similarity       real,
  theme            text,
  themes           text[] NOT NULL DEFAULT '{}',
  sentiment        text,
  owner            text,
  sla_due_at       timestamptz,
  processed_at     timestamptz
);
CREATE INDEX feedback_account ON feedback (account_id);
CREATE INDEX feedback_status ON feedback (status);
CREATE INDEX feedback_embedding_hnsw ON feedback USING hnsw (embedding vector_cosine_ops);

CREATE TABLE touchpoints (
  touchpoint_id  text PRIMARY KEY,
  account_id     text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  at             timestamptz NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'qbr', 'exec_touch')),
  by             text,
  attributes     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX touchpoints_account_at ON touchpoints (account_id, at);

CREATE TABLE goals (
  goal_id     text PRIMARY KEY,
  account_id  text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  objective   text NOT NULL,
  metric      text,
  baseline    numeric,
  target      numeric,
  due         date,
  status      text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'achieved', 'missed')),
  attributes  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX goals_account ON goals (account_id);

CREATE TABLE events (
  event_id    text PRIMARY KEY,
  account_id  text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  at          timestamptz NOT NULL,
  type        text NOT NULL CHECK (type IN (
                'champion_left', 'champion_promoted', 'billing_page_visit', 'data_export', 'competitor_eval',
                'seats_removed', 'usage_limit_hit', 'higher_tier_request', 'api_access_request',
                'new_team_interest', 'funding_round', 'payment_failed', 'integration_failed', 'kickoff_delayed')),
  details     text,
  attributes  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX events_account_at ON events (account_id, at);

CREATE TABLE invoices (
  invoice_id    text PRIMARY KEY,
  account_id    text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  due_at        date NOT NULL,
  paid_at       date,
  amount_cents  bigint NOT NULL CHECK (amount_cents >= 0),
  status        text NOT NULL CHECK (status IN ('open', 'paid', 'late', 'failed', 'void')),
  attributes    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX invoices_account_due ON invoices (account_id, due_at);

CREATE TABLE users (
  user_id     text PRIMARY KEY,
  name        text,
  email       text,
  slack_id    text,
  role        text NOT NULL DEFAULT 'csm' CHECK (role IN ('csm', 'leader', 'support', 'admin')),
  team        text,
  attributes  jsonb NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX users_slack_id ON users (slack_id) WHERE slack_id IS NOT NULL;
CREATE INDEX users_email_lower ON users (lower(email));

CREATE TABLE health_snapshots (
  account_id     text NOT NULL REFERENCES accounts (account_id) ON DELETE CASCADE,
  as_of          date NOT NULL,
  score          smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
  tier           text NOT NULL CHECK (tier IN ('thriving', 'healthy', 'at-risk', 'critical')),
  dimensions     jsonb NOT NULL,
  missing        text[] NOT NULL DEFAULT '{}',
  model_version  text NOT NULL,
  computed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, as_of)
);

CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor        text NOT NULL,
  surface      text NOT NULL CHECK (surface IN ('cli', 'chat', 'slack', 'http', 'worker')),
  channel      text,
  text         text,
  intent       text,
  account_id   text,
  args         jsonb NOT NULL DEFAULT '{}',
  outcome      text NOT NULL CHECK (outcome IN ('ok', 'error')),
  error_code   text,
  duration_ms  integer
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE import_runs (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  kind         text NOT NULL,
  file         text NOT NULL,
  sha256       text NOT NULL,
  rows         integer NOT NULL,
  inserted     integer NOT NULL,
  updated      integer NOT NULL,
  unchanged    integer NOT NULL,
  duration_ms  integer NOT NULL
);
