import { performance } from 'node:perf_hooks';
import type { Config } from '../../core/config.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { type ZendeskMapping, zendeskMapping } from '../../knowledge/zendesk-mapping.ts';
import type {
  ZendeskMetricSet,
  ZendeskOrganization,
  ZendeskTicket,
} from '../../tools/support/zendesk-ticket.ts';
import { withRateLimitRetry } from './rate-limit.ts';

/** One page of the cursor-based incremental ticket export, with its side-loads. */
export interface ZendeskExportPage {
  tickets: ZendeskTicket[];
  organizations: ZendeskOrganization[];
  metric_sets: ZendeskMetricSet[];
  after_cursor: string | null;
  end_of_stream: boolean;
}

export interface ZendeskReader {
  /** The first page from a start time (unix seconds), or the page after a cursor. */
  exportTickets(from: { start_time: number } | { cursor: string }): Promise<ZendeskExportPage>;
}

export interface ZendeskPacing {
  /** Requests a minute the export allows (Zendesk: 10). */
  requestsPerMinute: number;
  /** Tickets a page (the export's maximum is 1000). */
  pageSize: number;
  /** Waits; injectable so tests never sleep. */
  wait?: (ms: number) => Promise<void>;
  /** Elapsed milliseconds (a monotonic clock); injectable with `wait`. */
  elapsed?: () => number;
}

/** The pace and page size the team's mapping sets (knowledge/connectors/zendesk.json). */
const mappingPacing = (mapping: ZendeskMapping): ZendeskPacing => ({
  requestsPerMinute: mapping.requests_per_minute,
  pageSize: mapping.page_size,
});

class ZendeskRateLimited extends Error {
  constructor(readonly retryAfterSeconds: number | null) {
    super('Zendesk answered 429 Too Many Requests');
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The Zendesk API through node-zendesk, pointed at ZENDESK_API_BASE_URL when set (a local test
 * server). The incremental export allows 10 requests a minute: requests are spaced to that pace,
 * and a 429 is retried after its Retry-After. Loaded only when a sync runs.
 */
export async function zendeskReader(
  config: Config,
  pacing: ZendeskPacing = mappingPacing(zendeskMapping()),
): Promise<ZendeskReader> {
  if (
    !config.ZENDESK_API_TOKEN ||
    !config.ZENDESK_EMAIL ||
    !(config.ZENDESK_SUBDOMAIN || config.ZENDESK_API_BASE_URL)
  )
    throw new CseError(ErrorCode.ConfigInvalid, 'Zendesk is not configured', {
      hint: 'Set ZENDESK_SUBDOMAIN, ZENDESK_EMAIL and ZENDESK_API_TOKEN (an API token of an agent who can read tickets and organisations; docs/connectors.md)',
    });
  // node-zendesk is CommonJS whose exports Node cannot name statically: take them from the default.
  const zendeskModule = (await import('node-zendesk')) as unknown as {
    default?: typeof import('node-zendesk');
  };
  const { createClient } = zendeskModule.default ?? (zendeskModule as typeof import('node-zendesk'));
  const base =
    config.ZENDESK_API_BASE_URL?.replace(/\/$/, '') ?? `https://${config.ZENDESK_SUBDOMAIN}.zendesk.com`;
  const client = createClient({
    username: config.ZENDESK_EMAIL,
    token: config.ZENDESK_API_TOKEN,
    endpointUri: `${base}/api/v2`,
    throwOriginalException: true,
    logger: { debug() {}, info() {}, warn() {}, error() {}, fatal() {}, trace() {} },
  });
  const wait = pacing.wait ?? sleep;
  const elapsed = pacing.elapsed ?? (() => performance.now());
  const spacing = 60_000 / pacing.requestsPerMinute;
  let last: number | null = null;
  const paced = async <T>(fn: () => Promise<T>) => {
    if (last !== null) {
      const due = last + spacing - elapsed();
      if (due > 0) await wait(due);
    }
    last = elapsed();
    return fn();
  };
  return {
    async exportTickets(from) {
      const query = { ...from, include: 'organizations,metric_sets', per_page: pacing.pageSize };
      return withRateLimitRetry(
        () =>
          paced(async () => {
            const { response, result } = (await client.ticketexport.get([
              'incremental',
              'tickets',
              'cursor',
              query,
            ])) as unknown as {
              response: { headers: { get(name: string): string | null } };
              result: unknown;
            };
            if (result instanceof Error && (result as Error & { statusCode?: number }).statusCode === 429) {
              const seconds = Number(response.headers.get('retry-after'));
              throw new ZendeskRateLimited(Number.isFinite(seconds) ? seconds : null);
            }
            const page = result as Partial<ZendeskExportPage>;
            return {
              tickets: page.tickets ?? [],
              organizations: page.organizations ?? [],
              metric_sets: page.metric_sets ?? [],
              after_cursor: page.after_cursor ?? null,
              end_of_stream: page.end_of_stream ?? true,
            };
          }),
        {
          rateLimited: (error) =>
            error instanceof ZendeskRateLimited
              ? { retryAfterSeconds: error.retryAfterSeconds }
              : (error as { statusCode?: number })?.statusCode === 429
                ? { retryAfterSeconds: null }
                : null,
          wait,
          maxWaitSeconds: config.CSE_SYNC_MAX_WAIT_SECONDS,
        },
      );
    },
  };
}
