import type { Clock } from '../../core/clock.ts';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../../core/logger.ts';
import { hubspotMapping } from '../../knowledge/hubspot-mapping.ts';
import { mrrPolicy } from '../../knowledge/mrr-policy.ts';
import { zendeskMapping } from '../../knowledge/zendesk-mapping.ts';
import { deferSync, takeDueDeferredSyncs } from '../../records/sync.ts';
import type { Db } from '../../store/db.ts';
import { hubspotReader } from './hubspot-client.ts';
import { syncHubspot } from './hubspot-sync.ts';
import { secretFree } from './paged-sync.ts';
import { SyncDeferred } from './rate-limit.ts';
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

/** One sync of one configured source, as the scheduler runs it: what it did, by kind. */
async function runSourceSync(parts: ScheduledSyncParts, source: SourceName): Promise<Record<string, number>> {
  const { db, config } = parts;
  const now = parts.clock.now();
  switch (source) {
    case 'stripe': {
      const { subscriptions, invoices } = await syncStripeBilling({
        db,
        stripe: await stripeReader(config),
        policy: mrrPolicy(),
        now,
        secrets: [config.STRIPE_SECRET_KEY],
      });
      return {
        subscriptions: subscriptions.subscriptions,
        invoices: invoices.invoices,
        months_rebuilt: invoices.months.length,
      };
    }
    case 'hubspot':
      return (
        await syncHubspot({
          db,
          hubspot: await hubspotReader(config),
          mapping: hubspotMapping(),
          now,
          secrets: [config.HUBSPOT_ACCESS_TOKEN],
        })
      ).counts;
    case 'zendesk':
      return (
        await syncZendesk({
          db,
          zendesk: await zendeskReader(config),
          mapping: zendeskMapping(),
          now,
          secrets: [config.ZENDESK_API_TOKEN],
        })
      ).counts;
  }
}

/**
 * Runs the given sources' syncs in turn. A source that fails is logged and recorded (its cursor
 * kept, `cse sources` shows the error) and the others still run; one whose vendor asks to wait
 * longer than a sync waits is deferred to its own job after that wait. What each did is returned
 * for `cse schedule`.
 */
async function syncSources(
  parts: ScheduledSyncParts,
  sources: readonly SourceName[],
): Promise<Record<string, unknown>> {
  const { db, config, logger } = parts;
  const summary: Record<string, unknown> = {};
  for (const source of sources) {
    try {
      summary[source] = await runSourceSync(parts, source);
    } catch (error) {
      if (error instanceof SyncDeferred) {
        const until = new Date(parts.clock.now().getTime() + error.retryAfterSeconds * 1000).toISOString();
        await deferSync(db, source, until);
        logger.warn(
          { source, until },
          'sync deferred: the vendor asked to wait; it runs again by itself then',
        );
        summary[source] = { deferred_until: until };
        continue;
      }
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

/** One sync of every configured source, in turn (the scheduler's daily `syncs` job). */
export function syncConfiguredSources(parts: ScheduledSyncParts): Promise<Record<string, unknown>> {
  return syncSources(parts, configuredSources(parts.config));
}

/**
 * The deferred syncs whose wait is over, each run once as its own job (taken by one worker):
 * what the scheduler does on every pass. Empty when none is due.
 */
export async function runDeferredSyncs(parts: ScheduledSyncParts): Promise<Record<string, unknown>> {
  const configured = new Set<string>(configuredSources(parts.config));
  const due = (await takeDueDeferredSyncs(parts.db, parts.clock.now().toISOString())).filter(
    (s): s is SourceName => configured.has(s),
  );
  return due.length === 0 ? {} : syncSources(parts, due);
}
