-- A score only when there is evidence for it: an account whose data carries too little of the
-- model's weight is stored as `unscored`, with no score, and the share of the weight it had.
ALTER TABLE health_snapshots ALTER COLUMN score DROP NOT NULL;
ALTER TABLE health_snapshots DROP CONSTRAINT IF EXISTS health_snapshots_tier_check;
ALTER TABLE health_snapshots ADD CONSTRAINT health_snapshots_tier_check
  CHECK (tier IN ('thriving', 'healthy', 'at-risk', 'critical', 'unscored'));
ALTER TABLE health_snapshots ADD CONSTRAINT health_snapshots_scored_check
  CHECK ((tier = 'unscored') = (score IS NULL));
ALTER TABLE health_snapshots ADD COLUMN coverage real;

-- Health models accepted through `cse health propose --accept`: each a version, with the evidence
-- it was accepted on and who accepted it. The newest is the one in use; without any, the model in
-- knowledge/health/health-model.json.
CREATE TABLE health_models (
  model_version  text PRIMARY KEY,
  model          jsonb NOT NULL,
  replaces       text NOT NULL,
  evidence       jsonb NOT NULL,
  accepted_by    text NOT NULL,
  reason         text NOT NULL,
  accepted_at    timestamptz NOT NULL
);
CREATE INDEX health_models_accepted_at ON health_models (accepted_at);

-- Churn models fitted by `cse model fit` on point-in-time snapshots: the coefficients, and the
-- out-of-time validation that decides whether churn_risk may show the model's probability.
CREATE TABLE churn_models (
  model_id      text PRIMARY KEY,
  fitted_at     timestamptz NOT NULL,
  fitted_by     text NOT NULL,
  horizon_days  integer NOT NULL CHECK (horizon_days > 0),
  model         jsonb NOT NULL,
  validation    jsonb NOT NULL
);
CREATE INDEX churn_models_fitted_at ON churn_models (fitted_at);
