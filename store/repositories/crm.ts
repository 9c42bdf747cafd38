import type { ContactRecord, DealRecord } from '../../tools/crm/crm-record.ts';
import type { RenewalTerms } from '../../tools/crm/renewal-terms.ts';
import type { Queryable } from '../db.ts';

export interface CrmAccountRow {
  account_id: string;
  name: string;
  domain: string | null;
  segment: string | null;
  industry: string | null;
  plan: string | null;
  csm: string | null;
}

/**
 * Accounts from CRM companies: new ones created, existing ones given the CRM's name and every
 * mapped field it has a value for (a field the CRM leaves empty keeps what the store had).
 */
export async function upsertCrmAccounts(tx: Queryable, rows: readonly CrmAccountRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO accounts (account_id, name, domain, segment, industry, plan, csm, status)
     SELECT r.account_id, r.name, r.domain, r.segment, r.industry, r.plan, r.csm, 'active'
       FROM json_to_recordset($1::json) AS r(account_id text, name text, domain text, segment text, industry text,
            plan text, csm text)
     ON CONFLICT (account_id) DO UPDATE SET name = EXCLUDED.name,
            domain = COALESCE(EXCLUDED.domain, accounts.domain), segment = COALESCE(EXCLUDED.segment, accounts.segment),
            industry = COALESCE(EXCLUDED.industry, accounts.industry), plan = COALESCE(EXCLUDED.plan, accounts.plan),
            csm = COALESCE(EXCLUDED.csm, accounts.csm), updated_at = now()`,
    [JSON.stringify(rows)],
  );
}

/** Team members' user ids by lower-cased email: a CRM owner becomes the CSM this way. */
export async function userIdsByEmail(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ user_id: string; email: string }>(
    'SELECT user_id, lower(email) AS email FROM users WHERE email IS NOT NULL',
  );
  return new Map(rows.map((r) => [r.email, r.user_id]));
}

/** CRM contacts, inserted or updated by id; a role the CRM does not give keeps the stored one. */
export async function upsertCrmContacts(tx: Queryable, rows: readonly ContactRecord[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO contacts (contact_id, account_id, name, title, email, role, last_engaged_at, attributes)
     SELECT r.contact_id, r.account_id, r.name, r.title, r.email, r.role, r.last_engaged_at::date,
            jsonb_build_object('source', 'hubspot', 'role_from', r.role_from)
       FROM json_to_recordset($1::json) AS r(contact_id text, account_id text, name text, title text, email text,
            role text, last_engaged_at text, role_from text)
     ON CONFLICT (contact_id) DO UPDATE SET account_id = EXCLUDED.account_id, name = EXCLUDED.name,
            title = EXCLUDED.title, email = EXCLUDED.email, role = COALESCE(EXCLUDED.role, contacts.role),
            last_engaged_at = COALESCE(EXCLUDED.last_engaged_at, contacts.last_engaged_at),
            attributes = contacts.attributes || EXCLUDED.attributes`,
    [JSON.stringify(rows)],
  );
}

/** CRM deals, inserted or updated by id. */
export async function upsertCrmDeals(
  tx: Queryable,
  source: string,
  rows: readonly DealRecord[],
  at: string,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO crm_deals (deal_id, source, account_id, name, pipeline, stage, is_renewal, is_won, is_closed,
            close_date, amount_cents, modified_at, synced_at)
     SELECT r.deal_id, $2, r.account_id, r.name, r.pipeline, r.stage, r.is_renewal, r.is_won, r.is_closed,
            r.close_date::date, r.amount_cents, r.modified_at, $3
       FROM json_to_recordset($1::json) AS r(deal_id text, account_id text, name text, pipeline text, stage text,
            is_renewal boolean, is_won boolean, is_closed boolean, close_date text, amount_cents bigint,
            modified_at timestamptz)
     ON CONFLICT (deal_id) DO UPDATE SET account_id = EXCLUDED.account_id, name = EXCLUDED.name,
            pipeline = EXCLUDED.pipeline, stage = EXCLUDED.stage, is_renewal = EXCLUDED.is_renewal,
            is_won = EXCLUDED.is_won, is_closed = EXCLUDED.is_closed, close_date = EXCLUDED.close_date,
            amount_cents = EXCLUDED.amount_cents, modified_at = EXCLUDED.modified_at, synced_at = EXCLUDED.synced_at`,
    [JSON.stringify(rows), source, at],
  );
}

/** Every deal of these accounts, as the renewal rule reads them. */
export async function crmDealsFor(tx: Queryable, accountIds: readonly string[]): Promise<DealRecord[]> {
  const rows = await tx.query<DealRecord & { amount_cents: string | null }>(
    `SELECT deal_id, account_id, name, pipeline, stage, is_renewal, is_won, is_closed,
            to_char(close_date, 'YYYY-MM-DD') AS close_date, amount_cents, modified_at::text AS modified_at
       FROM crm_deals WHERE account_id = ANY($1::text[])`,
    [accountIds],
  );
  return rows.map((r) => ({ ...r, amount_cents: r.amount_cents === null ? null : Number(r.amount_cents) }));
}

/** An account's renewal date, ARR and contract start as its deals give them; a null leaves the stored value. */
export async function setRenewalTerms(tx: Queryable, accountId: string, terms: RenewalTerms): Promise<void> {
  await tx.query(
    `UPDATE accounts SET renewal_date = COALESCE($2::date, renewal_date), arr_cents = COALESCE($3, arr_cents),
            contract_start = COALESCE($4::date, contract_start),
            attributes = attributes || jsonb_build_object('crm_terms_from', $5::jsonb), updated_at = now()
      WHERE account_id = $1`,
    [accountId, terms.renewal_date, terms.arr_cents, terms.contract_start, JSON.stringify(terms.from)],
  );
}
