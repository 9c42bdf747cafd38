import { CseError, ErrorCode } from '../../core/errors.ts';
import { formatMoney } from '../../core/money.ts';
import { stripeReader } from '../../jobs/sync/stripe-client.ts';
import { previewStripe, syncStripe } from '../../jobs/sync/stripe-sync.ts';
import { mrrPolicy } from '../../knowledge/mrr-policy.ts';
import { listSyncSources } from '../../store/repositories/sync-sources.ts';
import { note, print, printJson } from '../output.ts';
import { auditedWrite, type GlobalOptions, withRuntime } from '../runtime.ts';

const SOURCES = ['stripe'] as const;

/** `cse sync <source> [--dry-run] [--json]`. */
export async function sync(
  globals: GlobalOptions,
  source: string,
  options: { dryRun?: boolean; json?: boolean },
): Promise<void> {
  if (!SOURCES.includes(source as (typeof SOURCES)[number]))
    throw new CseError(ErrorCode.BadInput, `Unknown source '${source}'`, {
      hint: `Sources: ${SOURCES.join(', ')} (docs/connectors.md)`,
    });
  await withRuntime(globals, async (rt) => {
    const policy = mrrPolicy();
    const stripe = await stripeReader(rt.config);
    const now = rt.clock.now();
    if (options.dryRun) {
      const records = await previewStripe({ db: rt.db, stripe, policy, now });
      if (options.json) return printJson(records);
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
    const result = await auditedWrite(rt, { intent: 'sync_stripe', text: 'cse sync stripe', args: {} }, () =>
      syncStripe({
        db: rt.db,
        stripe,
        policy,
        now,
        onPage: (p) => note(`  page ${p.pages}: ${p.subscriptions} subscriptions`),
      }),
    );
    if (options.json) return printJson({ ...result, policy: policy.version });
    print(
      `Stripe: ${result.subscriptions} subscriptions in ${result.pages} page(s)${result.resumedFrom ? `, resumed after ${result.resumedFrom}` : ''}; ` +
        `${result.accountsCreated} new account(s). MRR for ${result.month.slice(0, 7)} as of ${now.toISOString()}: ${formatMoney(result.mrrCents)} ` +
        `(policy ${policy.version}, exchange rates of ${policy.exchange_rates.as_of}).`,
    );
  });
}

/** `cse sources [--json]`. */
export async function sources(globals: GlobalOptions, options: { json?: boolean }): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const rows = await listSyncSources(rt.db);
    if (options.json) return printJson(rows);
    if (rows.length === 0) {
      print('No source has synced yet. Set STRIPE_SECRET_KEY and run: cse sync stripe --dry-run');
      return;
    }
    for (const r of rows)
      print(
        `${r.source}: last success ${r.last_success_at ? new Date(r.last_success_at).toISOString() : 'never'}; ` +
          `cursor ${r.cursor ?? '— (next sync is a full pass)'}; ${r.pages} page(s); ` +
          `${
            Object.entries(r.counts)
              .map(([k, n]) => `${n} ${k.replaceAll('_', ' ')}`)
              .join(', ') || 'nothing yet'
          }` +
          `${r.last_error ? `; last error: ${r.last_error}` : ''}`,
      );
  });
}
