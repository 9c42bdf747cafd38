-- An account named by its id, name or domain is one indexed read, whatever the case typed.
CREATE INDEX IF NOT EXISTS accounts_id_lower ON accounts (lower(account_id));
CREATE INDEX IF NOT EXISTS accounts_domain_lower ON accounts (lower(domain));
CREATE INDEX IF NOT EXISTS accounts_domain_label ON accounts (split_part(lower(domain), '.', 1));
