import { CseError, ErrorCode } from '../../core/errors.ts';
import { formatMoney } from '../../core/money.ts';
import { hubspotReader } from '../../jobs/sync/hubspot-client.ts';
import { previewHubspot, syncHubspot } from '../../jobs/sync/hubspot-sync.ts';
import { SyncDeferred } from '../../jobs/sync/rate-limit.ts';
import { syncStripeBilling } from '../../jobs/sync/stripe-billing.ts';
import { stripeReader } from '../../jobs/sync/stripe-client.ts';
import { previewStripe } from '../../jobs/sync/stripe-sync.ts';
import { zendeskReader } from '../../jobs/sync/zendesk-client.ts';
import { previewZendesk, syncZendesk } from '../../jobs/sync/zendesk-sync.ts';
import { hubspotMapping } from '../../knowledge/hubspot-mapping.ts';
import { mrrPolicy } from '../../knowledge/mrr-policy.ts';
import { zendeskMapping } from '../../knowledge/zendesk-mapping.ts';
import { quarantineCounts, quarantinedRecords } from '../../store/repositories/sync-quarantine.ts';
import { listSyncSources } from '../../store/repositories/sync-sources.ts';
import { note, print, printJson } from '../output.ts';
import { auditedWrite, type GlobalOptions, type Runtime, withRuntime } from '../runtime.ts';

export interface SyncFlags {
  dryRun?: boolean;
  json?: boolean;
  since?: string;
}

type SourceRun = (rt: Runtime, flags: SyncFlags & { sinceDate?: Date }) => Promise<void>;

const countsLine = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${n} ${k.replaceAll('_', ' ')}`)
    .join(', ') || 'nothing new';

const progress = (p: { pages: number; counts: Record<string, number> }) =>
  note(`  page ${p.pages}: ${countsLine(p.counts)}`);

const stripe: SourceRun = async (rt, flags) => {
  const policy = mrrPolicy();
  const reader = await stripeReader(rt.config);
  const now = rt.clock.now();
  if (flags.dryRun) {
    const records = await previewStripe({ db: rt.db, stripe: reader, policy, now });
    if (flags.json) return printJson(records);
    print(
      `Stripe, dry run: the first ${records.length} subscriptions as a sync would map them (nothing written).`,
    );
    for (const r of records)
      print(
        `  ${r.subscription} (customer ${r.customer}) → account ${r.account} by ${r.via}: MRR ${formatMoney(r.mrrCents)}` +
          `${r.native.currency !== policy.base_currency ? ` (${r.native.amount / 100} ${r.native.currency})` : ''}` +
          `${r.flags.length > 0 ? ` [${r.flags.join(', ')}]` : ''}`,
      );
    print(`MRR policy ${policy.version}; exchange rates of ${policy.exchange_rates.as_of}.`);
    return;
  }
  const { subscriptions: result, invoices } = await auditedWrite(
    rt,
    { intent: 'sync_stripe', text: 'cse sync stripe', args: {} },
    () =>
      syncStripeBilling({
        db: rt.db,
        stripe: reader,
        policy,
        now,
        secrets: [rt.config.STRIPE_SECRET_KEY],
        onSubscriptionPage: (p) => note(`  subscriptions, page ${p.pages}: ${p.subscriptions}`),
        onInvoicePage: (p) => note(`  invoices, page ${p.pages}: ${countsLine(p.counts)}`),
      }),
  );
  if (flags.json) return printJson({ ...result, invoices, policy: policy.version });
  print(
    `Stripe: ${result.subscriptions} subscriptions in ${result.pages} page(s)${result.resumedFrom ? `, resumed after ${result.resumedFrom}` : ''}; ` +
      `${result.accountsCreated} new account(s). MRR for ${result.month.slice(0, 7)} as of ${now.toISOString()}: ${formatMoney(result.mrrCents)} ` +
      `(policy ${policy.version}, exchange rates of ${policy.exchange_rates.as_of}).`,
  );
  print(
    `Invoices: ${invoices.invoices} in ${invoices.pages} page(s), ${invoices.paymentFailures} with failed payments (payment_failed events). ` +
      `${invoices.months.length > 0 ? `Past months rebuilt from invoice lines: ${invoices.months[0]} to ${invoices.months.at(-1)}.` : 'No past month has invoice lines.'}`,
  );
};

const hubspot: SourceRun = async (rt, flags) => {
  const mapping = hubspotMapping();
  const reader = await hubspotReader(rt.config);
  if (flags.dryRun) {
    const preview = await previewHubspot({ db: rt.db, hubspot: reader, mapping });
    if (flags.json) return printJson(preview);
    print(
      `HubSpot, dry run: the first records as a sync would map them under ${mapping.version} (nothing written).`,
    );
    for (const c of preview.companies)
      print(
        `  company ${c.company} "${c.name}" → account ${c.account} by ${c.via}; segment ${c.segment ?? '—'}; CSM ${c.csm ?? '—'}`,
      );
    for (const c of preview.contacts)
      print(
        `  contact ${c.contact} → ${c.account ? `account ${c.account}` : 'no synced company (skipped)'}; role ${c.role ?? '—'}${c.roleFrom ? ` (from ${c.roleFrom})` : ''}`,
      );
    for (const d of preview.deals)
      print(
        `  deal ${d.deal} → ${d.account ? `account ${d.account}` : 'no synced company (skipped)'}; ${d.renewal ? 'renewal' : 'new business'}, ${d.won ? 'won' : 'not won'}; close ${d.closeDate ?? '—'}; ARR ${d.arrCents === null ? '—' : formatMoney(d.arrCents)}`,
      );
    print('Mapping: knowledge/connectors/hubspot.json (docs/connectors.md).');
    return;
  }
  const result = await auditedWrite(
    rt,
    { intent: 'sync_hubspot', text: 'cse sync hubspot', args: flags.since ? { since: flags.since } : {} },
    () =>
      syncHubspot({
        db: rt.db,
        hubspot: reader,
        mapping,
        now: rt.clock.now(),
        ...(flags.sinceDate ? { since: flags.sinceDate } : {}),
        secrets: [rt.config.HUBSPOT_ACCESS_TOKEN],
        onPage: progress,
      }),
  );
  if (flags.json) return printJson(result);
  print(
    `HubSpot: ${result.pages} page(s)${result.resumedFrom ? ', continuing from the stored cursor' : ''}: ${countsLine(result.counts)} (mapping ${result.mapping}).`,
  );
};

const zendesk: SourceRun = async (rt, flags) => {
  const mapping = zendeskMapping();
  const reader = await zendeskReader(rt.config);
  if (flags.dryRun) {
    const records = await previewZendesk({
      db: rt.db,
      zendesk: reader,
      mapping,
      ...(flags.sinceDate ? { since: flags.sinceDate } : {}),
    });
    if (flags.json) return printJson(records);
    print(
      `Zendesk, dry run: the first ${records.length} tickets as a sync would map them under ${mapping.version} (nothing written).`,
    );
    for (const r of records)
      print(
        `  ticket ${r.ticket} (organisation ${r.organization ?? '—'}) → ${r.account ? `account ${r.account} by ${r.via}` : `skipped (${r.via})`}; severity ${r.severity ?? '—'}; ${r.status}; CSAT ${r.csat ?? '—'}`,
      );
    return;
  }
  const result = await auditedWrite(
    rt,
    { intent: 'sync_zendesk', text: 'cse sync zendesk', args: flags.since ? { since: flags.since } : {} },
    () =>
      syncZendesk({
        db: rt.db,
        zendesk: reader,
        mapping,
        now: rt.clock.now(),
        ...(flags.sinceDate ? { since: flags.sinceDate } : {}),
        secrets: [rt.config.ZENDESK_API_TOKEN],
        onPage: progress,
      }),
  );
  if (flags.json) return printJson(result);
  print(
    `Zendesk: ${result.pages} page(s)${result.resumedFrom ? ', continuing from the stored cursor' : ''}: ${countsLine(result.counts)} (mapping ${result.mapping}).` +
      `${(result.counts.tickets_without_account ?? 0) > 0 ? ' Tickets of organisations that match no account were skipped: give the organisation an external_id or a domain of an account, then run cse sync zendesk --since <date>.' : ''}`,
  );
};

const SOURCES: Record<string, SourceRun> = { stripe, hubspot, zendesk };

/** `cse sync <source> [--since DATE] [--dry-run] [--json]`. */
export async function sync(globals: GlobalOptions, source: string, flags: SyncFlags): Promise<void> {
  const run = SOURCES[source];
  if (!run)
    throw new CseError(ErrorCode.BadInput, `Unknown source '${source}'`, {
      hint: `Sources: ${Object.keys(SOURCES).join(', ')} (docs/connectors.md)`,
    });
  if (flags.since && source === 'stripe')
    throw new CseError(ErrorCode.BadInput, 'Stripe sync has no --since', {
      hint: "It reads every live subscription for the current month's MRR; run cse sync stripe",
    });
  await withRuntime(globals, async (rt) => {
    try {
      await run(rt, {
        ...flags,
        ...(flags.since ? { sinceDate: new Date(`${flags.since}T00:00:00Z`) } : {}),
      });
    } catch (error) {
      if (!(error instanceof SyncDeferred)) throw error;
      const until = new Date(rt.clock.now().getTime() + error.retryAfterSeconds * 1000).toISOString();
      throw new CseError(
        ErrorCode.SourceUnavailable,
        `${source} asked to wait ${error.retryAfterSeconds} s before the next request (until ${until}); the pages read so far are stored and the cursor kept`,
        {
          hint: `Run cse sync ${source} again after that; the scheduler in cse serve and cse worker does by itself`,
        },
      );
    }
  });
}

/** `cse sources [--json] [--quarantine <source>]`. */
export async function sources(
  globals: GlobalOptions,
  options: { json?: boolean; quarantine?: string },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    if (options.quarantine) {
      const records = await quarantinedRecords(rt.db, options.quarantine);
      if (options.json) return printJson(records);
      if (records.length === 0) return print(`No record of ${options.quarantine} is quarantined.`);
      for (const r of records)
        print(
          `${r.kind} ${r.external_id}: ${r.reason} (last seen ${new Date(r.last_seen).toISOString()}, ${r.times}×)`,
        );
      return;
    }
    const [listed, held] = await Promise.all([listSyncSources(rt.db), quarantineCounts(rt.db)]);
    const rows = listed.map((r) => ({ ...r, quarantined: held.get(r.source) ?? 0 }));
    if (options.json) return printJson(rows);
    if (rows.length === 0) {
      print(
        'No source has synced yet. Configure one (docs/connectors.md), then preview it: cse sync stripe|hubspot|zendesk --dry-run',
      );
      return;
    }
    for (const r of rows)
      print(
        `${r.source}: last success ${r.last_success_at ? new Date(r.last_success_at).toISOString() : 'never'}; ` +
          `cursor ${r.cursor ?? '— (next sync is a full pass)'}; ${r.pages} page(s); ${countsLine(r.counts)}` +
          `${r.deferred_until ? `; deferred until ${new Date(r.deferred_until).toISOString()} (the vendor asked to wait; it runs again by itself)` : ''}` +
          `${r.quarantined > 0 ? `; ${r.quarantined} record(s) quarantined (could not be stored; cse sources --quarantine ${r.source} lists them)` : ''}` +
          `${r.last_error ? `; last error: ${r.last_error}` : ''}`,
      );
  });
}
