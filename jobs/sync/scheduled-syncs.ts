import type { Clock } from '../../core/clock.ts';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/logger.ts';
import { hubspotMapping } from '../../knowledge/hubspot-mapping.ts';
import { mrrPolicy } from '../../knowledge/mrr-policy.ts';
import { zendeskMapping } from '../../knowledge/zendesk-mapping.ts';
import type { Db } from '../../store/db.ts';
import { hubspotReader } from './hubspot-client.ts';
import { syncHubspot } from './hubspot-sync.ts';
import { secretFree } from './paged-sync.ts';
import { syncStripeBilling } from './stripe-billing.ts';
import { stripeReader } from './stripe-client.ts';
import { zendeskReader } from './zendesk-client.ts';
import { syncZendesk } from './zendesk-sync.ts';

type SourceName = 'stripe' | 'hubspot' | 'zendesk';

/** The sources whose credentials are set: the ones the scheduler syncs. */
export function configuredSources(config: Config): SourceName[] {
  const out: SourceName[] = [];
  if (config.STRIPE_SECRET_KEY) out.push('stripe');
  if (config.HUBSPOT_ACCESS_TOKEN) out.push('hubspot');
  if (
    config.ZENDESK_API_TOKEN &&
    config.ZENDESK_EMAIL &&
    (config.ZENDESK_SUBDOMAIN || config.ZENDESK_API_BASE_URL)
  )
    out.push('zendesk');
  return out;
}

export interface ScheduledSyncParts {
  db: Db;
  config: Config;
  clock: Clock;
  logger: Logger;
}

/**
 * One sync of every configured source, in turn (the scheduler's daily `syncs` job). A source that
 * fails is logged and recorded (its cursor kept, `cse sources` shows the error) and the others
 * still run; what each did is returned for `cse schedule`.
 */
export async function syncConfiguredSources(parts: ScheduledSyncParts): Promise<Record<string, unknown>> {
  const { db, config, logger } = parts;
  const now = parts.clock.now();
  const runs: Record<SourceName, () => Promise<{ counts: Record<string, number> }>> = {
    stripe: async () => {
      const { subscriptions, invoices } = await syncStripeBilling({
        db,
        stripe: await stripeReader(config),
        policy: mrrPolicy(),
        now,
        secrets: [config.STRIPE_SECRET_KEY],
      });
      return {
        counts: {
          subscriptions: subscriptions.subscriptions,
          invoices: invoices.invoices,
          months_rebuilt: invoices.months.length,
        },
      };
    },
    hubspot: async () =>
      syncHubspot({
        db,
        hubspot: await hubspotReader(config),
        mapping: hubspotMapping(),
        now,
        secrets: [config.HUBSPOT_ACCESS_TOKEN],
      }),
    zendesk: async () =>
      syncZendesk({
        db,
        zendesk: await zendeskReader(config),
        mapping: zendeskMapping(),
        now,
        secrets: [config.ZENDESK_API_TOKEN],
      }),
  };
  const summary: Record<string, unknown> = {};
  for (const source of configuredSources(config)) {
    try {
      summary[source] = (await runs[source]()).counts;
    } catch (error) {
      const message = secretFree(error, [
        config.STRIPE_SECRET_KEY,
        config.HUBSPOT_ACCESS_TOKEN,
        config.ZENDESK_API_TOKEN,
      ]);
      logger.warn({ source, err: message }, 'scheduled sync failed; cse sources shows the error');
      summary[source] = { error: message.slice(0, 200) };
    }
  }
  return summary;
}
