import type { HubspotMapping } from '../../knowledge/hubspot-mapping.ts';
import { hubspotProperties } from '../../knowledge/hubspot-mapping.ts';
import { moveAlertsToCurrentOwners } from '../../records/alerts.ts';
import { accountKeys } from '../../records/billing.ts';
import {
  crmDealsFor,
  setRenewalTerms,
  upsertCrmAccounts,
  upsertCrmContacts,
  upsertCrmDeals,
  userIdsByEmail,
} from '../../records/crm.ts';
import { saveSyncLinks, syncLinks } from '../../records/sync.ts';
import type { Db, Queryable } from '../../store/db.ts';
import {
  type CompanyAccount,
  type CrmObject,
  companyAccount,
  contactRecord,
  crmModifiedMs,
  dealRecord,
} from '../../tools/crm/crm-record.ts';
import { renewalTerms } from '../../tools/crm/renewal-terms.ts';
import type { CompanyAssociations, CrmObjectType, HubspotReader } from './hubspot-client.ts';
import { type Quarantine, runPagedSync } from './paged-sync.ts';
import { CrmObjectShape, mapEach } from './record-check.ts';

export const HUBSPOT_SOURCE = 'hubspot';
/** The search API returns at most this many results for one query (after + limit ≤ 10,000). */
export const HUBSPOT_SEARCH_WINDOW = 10_000;
/** The search API's page size (its maximum is 200; 100 is the documented default for syncs). */
export const HUBSPOT_PAGE_SIZE = 100;

const ORDER: CrmObjectType[] = ['companies', 'contacts', 'deals'];

/**
 * Where a HubSpot sync stands, stored as the source's cursor: the object type being read, the
 * search's `after` within the current query, and per type the modified-date the query starts
 * from. A finished sync leaves `since` at the newest record seen, so the next one is incremental.
 */
export interface HubspotCursor {
  object: CrmObjectType;
  after: string | null;
  since: Partial<Record<CrmObjectType, number>>;
}

export function readHubspotCursor(stored: string | null): HubspotCursor {
  if (!stored) return { object: 'companies', after: null, since: {} };
  return JSON.parse(stored) as HubspotCursor;
}

/**
 * The cursor after one page of a search: the next page of the same query; or, when the next page
 * would pass the search window, a new query from the last record's modified-date (records at that
 * moment are read again, which the upserts make harmless); or, at the end, the next object type.
 */
export function nextHubspotCursor(
  at: HubspotCursor,
  page: { results: readonly CrmObject[]; next: string | null },
  modifiedProperty: string,
  limits: { pageSize: number; window: number },
): { cursor: HubspotCursor; done: boolean } {
  const last = page.results.at(-1);
  const newest = last ? crmModifiedMs(last, modifiedProperty) : undefined;
  if (page.next !== null) {
    if (Number(page.next) + limits.pageSize <= limits.window)
      return { cursor: { ...at, after: page.next }, done: false };
    if (newest === undefined || newest === at.since[at.object])
      throw new Error(
        `HubSpot ${at.object}: more than ${limits.window} records share the modified time ${newest}; the search API cannot page past them`,
      );
    return { cursor: { ...at, after: null, since: { ...at.since, [at.object]: newest } }, done: false };
  }
  const since = newest === undefined ? at.since : { ...at.since, [at.object]: newest };
  const following = ORDER[ORDER.indexOf(at.object) + 1];
  return following
    ? { cursor: { object: following, after: null, since }, done: false }
    : { cursor: { object: 'companies', after: null, since }, done: true };
}

interface HubspotPage {
  object: CrmObjectType;
  results: CrmObject[];
  associations: CompanyAssociations;
  /** For a page of companies: each one's account, in the order of `results`. */
  companies: CompanyAccount[];
}

export interface HubspotSyncOptions {
  db: Db;
  hubspot: HubspotReader;
  mapping: HubspotMapping;
  now: Date;
  /** Read records modified since this moment instead of where the last sync ended. */
  since?: Date;
  pageSize?: number;
  /** The search window (tests shrink it to exercise the restart); 10,000 by default. */
  searchWindow?: number;
  onPage?: (progress: { pages: number; counts: Record<string, number> }) => void;
  secrets?: readonly (string | undefined)[];
}

export interface HubspotSyncResult {
  pages: number;
  counts: Record<string, number>;
  resumedFrom: string | null;
  mapping: string;
}

/** Owner id → the CSM the store knows: the team member with the owner's email, else the email itself. */
async function ownerCsms(db: Db, hubspot: HubspotReader): Promise<Map<string, string>> {
  const users = await userIdsByEmail(db);
  const csms = new Map<string, string>();
  for (const o of await hubspot.owners())
    if (o.email) csms.set(o.id, users.get(o.email.toLowerCase()) ?? o.email.toLowerCase());
  return csms;
}

/** The account of the first associated company a sync has linked, with that association's labels. */
function linkedCompany(
  associations: CompanyAssociations,
  id: string,
  links: ReadonlyMap<string, string>,
): { accountId: string; labels: string[] } | null {
  for (const a of associations.get(id) ?? []) {
    const accountId = links.get(a.companyId);
    if (accountId) return { accountId, labels: a.labels };
  }
  return null;
}

/**
 * A page of companies into accounts (the CSM from the owner) and their links; a company whose
 * owner changed moves its account's open alerts to the new CSM, in this page's transaction.
 */
async function writeCompanies(tx: Queryable, page: HubspotPage, at: string): Promise<Record<string, number>> {
  const { companies } = page;
  await upsertCrmAccounts(
    tx,
    companies.map((c) => ({
      account_id: c.match.accountId,
      name: c.name,
      domain: c.domain,
      segment: c.segment,
      industry: c.industry,
      plan: c.plan,
      csm: c.csmOwner,
    })),
  );
  const moved = await moveAlertsToCurrentOwners(
    tx,
    companies.map((c) => c.match.accountId),
    at,
    'hubspot sync',
  );
  await saveSyncLinks(
    tx,
    HUBSPOT_SOURCE,
    'company',
    page.results.map((c, k) => ({
      external_id: c.id,
      account_id: companies[k]?.match.accountId as string,
      matched_by: companies[k]?.match.via as string,
    })),
    at,
  );
  return {
    companies: companies.length,
    accounts_created: companies.filter((c) => c.match.via === 'new account').length,
    ...(moved.length > 0 ? { alerts_moved: moved.length } : {}),
  };
}

/**
 * A page's contacts or deals mapped with the linked company each belongs to: one that cannot be
 * read or mapped is quarantined, and those with no linked company are counted.
 */
function companyLinked<T>(
  page: HubspotPage,
  links: ReadonlyMap<string, string>,
  kind: 'contact' | 'deal',
  quarantine: Quarantine,
  map: (record: CrmObject, company: { accountId: string; labels: string[] }) => T,
): { values: T[]; unlinked: number } {
  const withCompany = page.results.flatMap((record) => {
    const company = linkedCompany(page.associations, record.id, links);
    return company ? [{ record, company }] : [];
  });
  const checked = mapEach(
    withCompany,
    kind,
    CrmObjectShape,
    ({ record, company }) => map(record, company),
    ({ record }) => record,
  );
  quarantine(checked.quarantined);
  return { values: checked.mapped.map((m) => m.value), unlinked: page.results.length - withCompany.length };
}

/** What every page of one HubSpot sync reads and keeps up to date (links and keys grow as companies land). */
interface HubspotRun {
  db: HubspotSyncOptions['db'];
  hubspot: HubspotSyncOptions['hubspot'];
  mapping: HubspotSyncOptions['mapping'];
  properties: ReturnType<typeof hubspotProperties>;
  modified: Record<CrmObjectType, string>;
  keys: Awaited<ReturnType<typeof accountKeys>>;
  links: Awaited<ReturnType<typeof syncLinks>>;
  /** The CSM of each HubSpot owner, read with the first page (a failure there is recorded like any other). */
  csms: Map<string, string> | null;
  pageSize: number;
  window: number;
  at: string;
}

/** One page of the object the cursor is on, its companies mapped to accounts (or quarantined). */
async function fetchHubspotPage(r: HubspotRun, stored: string | null) {
  r.csms ??= await ownerCsms(r.db, r.hubspot);
  const owners = r.csms;
  const cursor = readHubspotCursor(stored);
  const page = await r.hubspot.search(cursor.object, {
    properties: r.properties[cursor.object],
    modifiedProperty: r.modified[cursor.object],
    since: cursor.since[cursor.object] ?? null,
    limit: r.pageSize,
    after: cursor.after,
  });
  const associations =
    cursor.object === 'companies'
      ? new Map()
      : await r.hubspot.companiesOf(
          cursor.object,
          page.results.map((x) => x.id),
        );
  const next = nextHubspotCursor(cursor, page, r.modified[cursor.object], {
    pageSize: r.pageSize,
    window: r.window,
  });
  // Companies are mapped here (the page's accounts); a company that cannot be is quarantined.
  const checked =
    cursor.object === 'companies'
      ? mapEach(page.results, 'company', CrmObjectShape, (c) =>
          companyAccount(c, r.mapping, r.keys, owners, r.links.get(c.id) ?? null),
        )
      : null;
  const hubspotPage: HubspotPage = {
    object: cursor.object,
    results: checked ? checked.mapped.map((m) => m.record) : page.results,
    associations,
    companies: checked ? checked.mapped.map((m) => m.value) : [],
  };
  return {
    page: hubspotPage,
    cursor: JSON.stringify(next.cursor),
    done: next.done,
    quarantined: checked?.quarantined ?? [],
  };
}

/** One page into the store: companies as accounts, contacts with roles, deals and the renewal terms they set. */
async function writeHubspotPage(
  r: HubspotRun,
  tx: Queryable,
  page: HubspotPage,
  quarantine: Quarantine,
): Promise<Record<string, number>> {
  if (page.object === 'companies') return writeCompanies(tx, page, r.at);
  if (page.object === 'contacts') {
    const { values: contacts, unlinked } = companyLinked(page, r.links, 'contact', quarantine, (c, company) =>
      contactRecord(c, company.accountId, company.labels, r.mapping),
    );
    await upsertCrmContacts(tx, contacts);
    return { contacts: contacts.length, contacts_without_company: unlinked };
  }
  const { values: deals, unlinked } = companyLinked(page, r.links, 'deal', quarantine, (d, company) =>
    dealRecord(d, company.accountId, r.mapping),
  );
  await upsertCrmDeals(tx, HUBSPOT_SOURCE, deals, r.at);
  const touched = [...new Set(deals.map((d) => d.account_id))];
  const all = await crmDealsFor(tx, touched);
  for (const accountId of touched)
    await setRenewalTerms(tx, accountId, renewalTerms(all.filter((d) => d.account_id === accountId)));
  return { deals: deals.length, deals_without_company: unlinked, accounts_with_terms: touched.length };
}

/** After a page of companies is committed, later pages link to them. */
function rememberCompanies(r: HubspotRun, page: HubspotPage): void {
  for (const [k, c] of page.companies.entries()) {
    r.links.set(page.results[k]?.id as string, c.match.accountId);
    r.keys.ids.add(c.match.accountId);
    if (c.domain && !r.keys.byDomain.has(c.domain)) r.keys.byDomain.set(c.domain, c.match.accountId);
  }
}

/**
 * HubSpot into the store (DESIGN §13): companies → accounts (CSM from the owner), then contacts
 * with roles, then deals → renewal date, contract value and start; each through the search API by
 * modified-date, a page and the cursor per transaction. Incremental after the first sync.
 */
export async function syncHubspot(options: HubspotSyncOptions): Promise<HubspotSyncResult> {
  const { db, hubspot, mapping, now } = options;
  const r: HubspotRun = {
    db,
    hubspot,
    mapping,
    properties: hubspotProperties(mapping),
    modified: {
      companies: mapping.company.modified_property,
      contacts: mapping.contact.modified_property,
      deals: mapping.deal.modified_property,
    },
    keys: await accountKeys(db),
    links: await syncLinks(db, HUBSPOT_SOURCE, 'company'),
    csms: null,
    pageSize: options.pageSize ?? HUBSPOT_PAGE_SIZE,
    window: options.searchWindow ?? HUBSPOT_SEARCH_WINDOW,
    at: now.toISOString(),
  };
  const sinceMs = options.since?.getTime();
  const run = await runPagedSync<HubspotPage>({
    db,
    source: HUBSPOT_SOURCE,
    now,
    finish: 'keep',
    secrets: options.secrets,
    ...(sinceMs === undefined
      ? {}
      : {
          startAt: JSON.stringify({
            object: 'companies',
            after: null,
            since: { companies: sinceMs, contacts: sinceMs, deals: sinceMs },
          } satisfies HubspotCursor),
        }),
    fetch: (stored) => fetchHubspotPage(r, stored),
    split: (page) =>
      page.results.map((x, k) => ({
        kind: page.object.replace(/s$/, ''),
        external_id: x.id,
        record: x,
        page: { ...page, results: [x], companies: page.companies.slice(k, k + 1) },
      })),
    write: (tx, page, quarantine) => writeHubspotPage(r, tx, page, quarantine),
    committed: (page) => rememberCompanies(r, page),
    onPage: options.onPage,
  });
  return { pages: run.pages, counts: run.counts, resumedFrom: run.resumedFrom, mapping: mapping.version };
}

export interface HubspotPreview {
  companies: {
    company: string;
    account: string;
    via: string;
    name: string;
    segment: string | null;
    csm: string | null;
  }[];
  contacts: { contact: string; account: string | null; role: string | null; roleFrom: string | null }[];
  deals: {
    deal: string;
    account: string | null;
    renewal: boolean;
    won: boolean;
    closeDate: string | null;
    arrCents: number | null;
  }[];
}

/** The first `count` companies, contacts and deals as a sync would map them; writes nothing. */
export async function previewHubspot(
  options: Pick<HubspotSyncOptions, 'db' | 'hubspot' | 'mapping'> & { count?: number },
): Promise<HubspotPreview> {
  const { db, hubspot, mapping } = options;
  const count = options.count ?? 5;
  const properties = hubspotProperties(mapping);
  const keys = await accountKeys(db);
  const links = await syncLinks(db, HUBSPOT_SOURCE, 'company');
  const csms = await ownerCsms(db, hubspot);
  const first = (object: CrmObjectType, modifiedProperty: string) =>
    hubspot.search(object, {
      properties: properties[object],
      modifiedProperty,
      since: null,
      limit: count,
      after: null,
    });
  const companies = (await first('companies', mapping.company.modified_property)).results;
  const mapped = companies.map((c) => companyAccount(c, mapping, keys, csms, links.get(c.id) ?? null));
  for (const [k, c] of companies.entries()) links.set(c.id, mapped[k]?.match.accountId as string);
  const contacts = (await first('contacts', mapping.contact.modified_property)).results;
  const contactCompanies = await hubspot.companiesOf(
    'contacts',
    contacts.map((c) => c.id),
  );
  const deals = (await first('deals', mapping.deal.modified_property)).results;
  const dealCompanies = await hubspot.companiesOf(
    'deals',
    deals.map((d) => d.id),
  );
  return {
    companies: mapped.map((c, k) => ({
      company: companies[k]?.id as string,
      account: c.match.accountId,
      via: c.match.via,
      name: c.name,
      segment: c.segment,
      csm: c.csmOwner,
    })),
    contacts: contacts.map((c) => {
      const company = linkedCompany(contactCompanies, c.id, links);
      const record = company ? contactRecord(c, company.accountId, company.labels, mapping) : null;
      return {
        contact: c.id,
        account: company?.accountId ?? null,
        role: record?.role ?? null,
        roleFrom: record?.role_from ?? null,
      };
    }),
    deals: deals.map((d) => {
      const company = linkedCompany(dealCompanies, d.id, links);
      const record = dealRecord(d, company?.accountId ?? '', mapping);
      return {
        deal: d.id,
        account: company?.accountId ?? null,
        renewal: record.is_renewal,
        won: record.is_won,
        closeDate: record.close_date,
        arrCents: record.amount_cents,
      };
    }),
  };
}
