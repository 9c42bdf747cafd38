import type { Config } from '../../core/config.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { withRateLimitRetry } from './rate-limit.ts';
import { lastId, mapEach, StripeInvoiceShape } from './record-check.ts';
import {
  type PriceTerms,
  type StripeInvoiceLineObject,
  type StripeInvoiceObject,
  type StripeInvoiceReader,
  stripeInvoice,
} from './stripe-invoices.ts';
import type { StripeReader, StripeSubscriptionObject } from './stripe-sync.ts';

/** A Stripe 429 and its Retry-After header, from the SDK's error. */
function stripeRateLimit(error: unknown): { retryAfterSeconds: number | null } | null {
  const e = error as { statusCode?: number; headers?: Record<string, string> };
  if (e?.statusCode !== 429) return null;
  const header = e.headers?.['retry-after'];
  const seconds = header === undefined ? Number.NaN : Number(header);
  return { retryAfterSeconds: Number.isFinite(seconds) ? seconds : null };
}

/** The Stripe API version the sync is written against (the SDK's own pin). */
export const STRIPE_API_VERSION = '2026-10-28.endive';

type StripeClient = InstanceType<typeof import('stripe')['default']>;
type Retry = <T>(fn: () => Promise<T>) => Promise<T>;

/** The SDK client, pointed at STRIPE_API_BASE_URL when set (a local test server). */
async function stripeClient(
  key: string,
  baseUrl: string | undefined,
  maxNetworkRetries: number,
): Promise<StripeClient> {
  const { default: Stripe } = await import('stripe');
  const base = baseUrl ? new URL(baseUrl) : null;
  return new Stripe(key, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries,
    timeout: 30_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port) || (base.protocol === 'https:' ? 443 : 80),
          protocol: base.protocol === 'https:' ? ('https' as const) : ('http' as const),
        }
      : {}),
  });
}

/** Reads each price once (its amount and billing period), keeping them for the invoice lines. */
function priceReader(client: StripeClient, retry: Retry, prices: Map<string, PriceTerms>) {
  return async (ids: Iterable<string>) => {
    for (const id of ids) {
      if (prices.has(id)) continue;
      const p = await retry(() => client.prices.retrieve(id));
      prices.set(id, {
        unit_amount: p.unit_amount,
        recurring: p.recurring
          ? {
              interval: p.recurring.interval as NonNullable<PriceTerms['recurring']>['interval'],
              interval_count: p.recurring.interval_count,
            }
          : null,
      });
    }
  };
}

/** A page of invoices with all their lines and prices; an invoice the sync cannot read is quarantined. */
async function invoicePage(
  client: StripeClient,
  retry: Retry,
  prices: Map<string, PriceTerms>,
  params: Parameters<StripeInvoiceReader['listInvoices']>[0],
): ReturnType<StripeInvoiceReader['listInvoices']> {
  const priceTerms = priceReader(client, retry, prices);
  const page = await retry(() =>
    client.invoices.list({ ...params, expand: ['data.customer', 'data.lines.data.discounts'] }),
  );
  const invoices = page.data as unknown as StripeInvoiceObject[];
  // Each invoice on its own: one without the fields the sync reads is quarantined, not the page.
  const { mapped, quarantined } = mapEach(invoices, 'invoice', StripeInvoiceShape, (api) => api);
  const out = [];
  for (const { record: api } of mapped) {
    const lines = [...api.lines.data];
    // An invoice with more lines than the list embeds: the rest page by page.
    for (let more = api.lines.has_more; more; ) {
      const next = await retry(() =>
        client.invoices.listLineItems(api.id, { limit: 100, starting_after: lines.at(-1)?.id as string }),
      );
      lines.push(...(next.data as unknown as StripeInvoiceLineObject[]));
      more = next.has_more;
    }
    await priceTerms(
      lines.flatMap((l) => {
        const p = l.pricing?.price_details?.price;
        return p ? [typeof p === 'string' ? p : p.id] : [];
      }),
    );
    const read = mapEach([api], 'invoice', StripeInvoiceShape, (a) => stripeInvoice(a, lines, prices));
    out.push(...read.mapped.map((m) => m.value));
    quarantined.push(...read.quarantined);
  }
  return { data: out, has_more: page.has_more, quarantined, last_id: lastId(invoices) };
}

/**
 * The official Stripe SDK, pointed at STRIPE_API_BASE_URL when set (a local test server), with
 * the SDK's retries on 5xx and conflicts, and ours on 429 (Retry-After, else exponential backoff).
 * Loaded only when a sync runs.
 */
export async function stripeReader(
  config: Config,
  options: { maxNetworkRetries?: number } = {},
): Promise<StripeReader & StripeInvoiceReader> {
  if (!config.STRIPE_SECRET_KEY)
    throw new CseError(ErrorCode.ConfigInvalid, 'STRIPE_SECRET_KEY is not set', {
      hint: 'Create a restricted key with read access to customers, subscriptions, invoices and prices (docs/connectors.md) and set STRIPE_SECRET_KEY',
    });
  const client = await stripeClient(
    config.STRIPE_SECRET_KEY,
    config.STRIPE_API_BASE_URL,
    options.maxNetworkRetries ?? 3,
  );
  const retry: Retry = (fn) =>
    withRateLimitRetry(fn, {
      rateLimited: stripeRateLimit,
      maxWaitSeconds: config.CSE_SYNC_MAX_WAIT_SECONDS,
    });
  const prices = new Map<string, PriceTerms>();
  return {
    listInvoices: (params) => invoicePage(client, retry, prices, params),
    async listSubscriptions(params) {
      const page = await retry(() =>
        client.subscriptions.list({ ...params, status: 'all', expand: ['data.customer', 'data.discounts'] }),
      );
      return { data: page.data as unknown as StripeSubscriptionObject[], has_more: page.has_more };
    },
  };
}
