import type { Config } from '../../core/config.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import type { CrmObject } from '../../tools/crm/crm-record.ts';
import { withRateLimitRetry } from './rate-limit.ts';

export type CrmObjectType = 'companies' | 'contacts' | 'deals';

export interface CrmSearch {
  properties: string[];
  modifiedProperty: string;
  /** Only objects modified at or after this moment (epoch ms); null: all. */
  since: number | null;
  limit: number;
  after: string | null;
}

export interface CrmSearchPage {
  total: number;
  results: CrmObject[];
  /** The next page's `after`, or null at the end of the query. */
  next: string | null;
}

/** An object's associated companies with their association labels (v4 associations). */
export type CompanyAssociations = Map<string, { companyId: string; labels: string[] }[]>;

/** The part of HubSpot the sync reads. */
export interface HubspotReader {
  /** Every owner's id and email (all pages). */
  owners(): Promise<{ id: string; email: string | null }[]>;
  search(object: CrmObjectType, query: CrmSearch): Promise<CrmSearchPage>;
  companiesOf(object: 'contacts' | 'deals', ids: readonly string[]): Promise<CompanyAssociations>;
}

/** A HubSpot 429 and its Retry-After, from the SDK's ApiException. */
function hubspotRateLimit(error: unknown): { retryAfterSeconds: number | null } | null {
  const e = error as { code?: number; headers?: Record<string, string> };
  if (e?.code !== 429) return null;
  const seconds = Number(e.headers?.['retry-after']);
  return { retryAfterSeconds: Number.isFinite(seconds) ? seconds : null };
}

/**
 * The official HubSpot SDK (@hubspot/api-client), pointed at HUBSPOT_API_BASE_URL when set (a
 * local test server). The SDK's own retries are off; 429s are retried here (Retry-After, else
 * exponential backoff). Loaded only when a sync runs.
 */
export async function hubspotReader(
  config: Config,
  options: { wait?: (ms: number) => Promise<void> } = {},
): Promise<HubspotReader> {
  if (!config.HUBSPOT_ACCESS_TOKEN)
    throw new CseError(ErrorCode.ConfigInvalid, 'HUBSPOT_ACCESS_TOKEN is not set', {
      hint: 'Create a private app with read scopes for companies, contacts, deals and owners (docs/connectors.md) and set HUBSPOT_ACCESS_TOKEN',
    });
  const { Client } = await import('@hubspot/api-client');
  const client = new Client({
    accessToken: config.HUBSPOT_ACCESS_TOKEN,
    numberOfApiCallRetries: 0,
    ...(config.HUBSPOT_API_BASE_URL ? { basePath: config.HUBSPOT_API_BASE_URL.replace(/\/$/, '') } : {}),
  });
  const retry = <T>(fn: () => Promise<T>) =>
    withRateLimitRetry(fn, {
      rateLimited: hubspotRateLimit,
      maxWaitSeconds: config.CSE_SYNC_MAX_WAIT_SECONDS,
      ...(options.wait ? { wait: options.wait } : {}),
    });
  const apis = {
    companies: client.crm.companies.searchApi,
    contacts: client.crm.contacts.searchApi,
    deals: client.crm.deals.searchApi,
  };
  return {
    async owners() {
      const owners: { id: string; email: string | null }[] = [];
      let after: string | undefined;
      do {
        const page = await retry(() => client.crm.owners.ownersApi.getPage(undefined, after, 100, false));
        for (const o of page.results) owners.push({ id: o.id, email: o.email ?? null });
        after = page.paging?.next?.after;
      } while (after);
      return owners;
    },
    async search(object, query) {
      const page = await retry(() =>
        apis[object].doSearch({
          filterGroups:
            query.since === null
              ? []
              : [
                  {
                    filters: [
                      { propertyName: query.modifiedProperty, operator: 'GTE', value: String(query.since) },
                    ],
                  },
                ],
          // The API takes sort objects; the SDK's type says strings and passes values through.
          sorts: [{ propertyName: query.modifiedProperty, direction: 'ASCENDING' }] as unknown as string[],
          properties: query.properties,
          limit: query.limit,
          ...(query.after ? { after: query.after } : {}),
        } as Parameters<(typeof apis)['companies']['doSearch']>[0]),
      );
      return {
        total: page.total,
        results: page.results.map((r) => ({ id: r.id, properties: r.properties })),
        next: page.paging?.next?.after ?? null,
      };
    },
    async companiesOf(object, ids) {
      const out: CompanyAssociations = new Map();
      if (ids.length === 0) return out;
      const page = await retry(() =>
        client.crm.associations.v4.batchApi.getPage(object, 'companies', {
          inputs: ids.map((id) => ({ id })),
        }),
      );
      for (const r of page.results)
        out.set(
          r._from.id,
          r.to.map((t) => ({
            companyId: String(t.toObjectId),
            labels: t.associationTypes.map((a) => a.label).filter((l): l is string => !!l),
          })),
        );
      return out;
    },
  };
}
