import type { HubspotMapping } from '../../knowledge/hubspot-mapping.ts';
import {
  type AccountKeys,
  type AccountMatch,
  bareDomain,
  matchAccount,
} from '../connectors/account-match.ts';
import { annualised } from '../portfolio/account-arr.ts';

/** A CRM object as the search API returns it: an id and string properties. */
export interface CrmObject {
  id: string;
  properties: Record<string, string | null | undefined>;
}

type Segment = HubspotMapping['company']['segment_values'][string];
type Role = HubspotMapping['contact']['role_values'][string];

/** A property's text, or null when it is missing, empty or not text (a malformed record reads as empty). */
const prop = (o: CrmObject, name: string | null): string | null => {
  const v: unknown = name ? o.properties?.[name] : null;
  return typeof v !== 'string' || v.trim() === '' ? null : v.trim();
};

/** A date property (ISO date-time or epoch milliseconds) as YYYY-MM-DD, or null. */
export function crmDate(value: string | null): string | null {
  if (!value) return null;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : null;
}

/** An object's last-modified moment (the incremental sync's order), as epoch milliseconds. */
export function crmModifiedMs(o: CrmObject, property: string): number {
  const v = prop(o, property);
  const ms = v === null ? Number.NaN : /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(ms) ? ms : 0;
}

export interface CompanyAccount {
  match: Exclude<AccountMatch, { via: 'unmatched' }>;
  name: string;
  domain: string | null;
  segment: Segment | null;
  industry: string | null;
  plan: string | null;
  /** The owner's email (matched to `users` by the store), else the owner id as HubSpot knows it. */
  csmOwner: string | null;
}

/**
 * A company as an account under the mapping: matched by stored link, named account id, then
 * domain, else a new account `hubspot-<id>`; its segment from the mapped values only; its CSM the
 * company owner's email. Pure.
 */
export function companyAccount(
  company: CrmObject,
  mapping: HubspotMapping,
  accounts: AccountKeys,
  owners: ReadonlyMap<string, string>,
  linked: string | null,
): CompanyAccount {
  const c = mapping.company;
  const domain = bareDomain(prop(company, c.domain_property));
  const name = prop(company, c.name_property) ?? domain ?? `HubSpot company ${company.id}`;
  const match = matchAccount(
    { linked, namedId: prop(company, c.account_id_property), domains: [domain] },
    accounts,
    { accountId: `hubspot-${company.id}`, name },
  ) as CompanyAccount['match'];
  const segment = prop(company, c.segment_property);
  const owner = prop(company, c.csm_owner_property);
  return {
    match,
    name,
    domain: match.via === 'new account' ? match.domain : domain,
    segment: segment === null ? null : (c.segment_values[segment] ?? null),
    industry: prop(company, c.industry_property),
    plan: prop(company, c.plan_property),
    csmOwner: owner === null ? null : (owners.get(owner) ?? null),
  };
}

export interface ContactRecord {
  contact_id: string;
  account_id: string;
  name: string | null;
  title: string | null;
  email: string | null;
  role: Role | null;
  last_engaged_at: string | null;
  role_from: 'property' | 'association label' | null;
}

/**
 * A contact under the mapping, on the account of its (primary) company: the role from the mapped
 * property, else from the association's label; values outside the mapping give no role. Pure.
 */
export function contactRecord(
  contact: CrmObject,
  accountId: string,
  labels: readonly string[],
  mapping: HubspotMapping,
): ContactRecord {
  const p = mapping.contact;
  const fromProperty = prop(contact, p.role_property);
  const propertyRole = fromProperty === null ? null : (p.role_values[fromProperty] ?? null);
  const labelRole = labels.map((l) => p.role_labels[l]).find((r) => r !== undefined) ?? null;
  const name = [prop(contact, 'firstname'), prop(contact, 'lastname')].filter(Boolean).join(' ');
  return {
    contact_id: `hubspot-${contact.id}`,
    account_id: accountId,
    name: name || null,
    title: prop(contact, p.title_property),
    email: prop(contact, 'email')?.toLowerCase() ?? null,
    role: propertyRole ?? labelRole,
    last_engaged_at: crmDate(prop(contact, p.last_engaged_property)),
    role_from: propertyRole ? 'property' : labelRole ? 'association label' : null,
  };
}

export interface DealRecord {
  deal_id: string;
  account_id: string;
  name: string | null;
  pipeline: string | null;
  stage: string | null;
  is_renewal: boolean;
  is_won: boolean;
  is_closed: boolean;
  close_date: string | null;
  /** The contract's annual value in cents, as the mapping reads the amount. */
  amount_cents: number | null;
  modified_at: string;
}

/** A deal under the mapping: renewal or not (pipeline or deal type), won, closed, and its annual value. Pure. */
export function dealRecord(deal: CrmObject, accountId: string, mapping: HubspotMapping): DealRecord {
  const d = mapping.deal;
  const pipeline = prop(deal, 'pipeline');
  const stage = prop(deal, 'dealstage');
  const type = prop(deal, 'dealtype');
  const amount = Number(prop(deal, d.amount_property));
  const won = stage !== null && d.won_stages.includes(stage);
  return {
    deal_id: `hubspot-${deal.id}`,
    account_id: accountId,
    name: prop(deal, 'dealname'),
    pipeline,
    stage,
    is_renewal:
      (pipeline !== null && d.renewal_pipelines.includes(pipeline)) ||
      (type !== null && d.renewal_deal_types.includes(type)),
    is_won: won,
    is_closed: won || (stage !== null && d.lost_stages.includes(stage)),
    close_date: crmDate(prop(deal, d.close_date_property)),
    amount_cents:
      prop(deal, d.amount_property) === null || !Number.isFinite(amount) || amount < 0
        ? null
        : Math.round(d.amount_is === 'monthly' ? annualised(amount * 100) : amount * 100),
    modified_at: new Date(crmModifiedMs(deal, d.modified_property)).toISOString(),
  };
}
