import { z } from 'zod';
import { alertsById, listAlerts, openAlertsByOwner } from '../../records/alerts.ts';
import { ALERT_STATES, type AlertState } from '../../tools/alerts/alert-lifecycle.ts';
import { ALERTS_DEFINITION, AlertRow, alertRows } from '../alert-rows.ts';
import { BookScopeData, BookScopeFields, bookScopeData, resolveBook } from '../book-scope.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderAlerts } from './render.ts';

export const AlertsArgs = z
  .object({
    csm: BookScopeFields.csm,
    scope: BookScopeFields.scope,
    /** `open` (default): everything not resolved; `all`; or one state. */
    state: z.enum(['open', 'all', ...ALERT_STATES]).default('open'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    /** These alerts only (comma-separated on the CLI): each is checked against its account's book. */
    alert_ids: z
      .preprocess(
        (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v),
        z.array(z.string().trim().min(1).max(40)).min(1).max(50),
      )
      .optional(),
  })
  .strict();

/** Open alerts per owner, by severity: what a leader's week counts (all of them, not a page). */
export const OwnerAlertCount = z.object({
  owner: z.string().nullable(),
  critical: z.number().int(),
  high: z.number().int(),
  other: z.number().int(),
  escalated: z.number().int(),
});
export type OwnerAlertCount = z.infer<typeof OwnerAlertCount>;

export const AlertsData = z.object({
  scope: BookScopeData,
  state: z.string(),
  alerts: z.array(AlertRow),
  /** The book's open alerts counted per owner (unowned: owner null), most critical first. */
  by_owner: z.array(OwnerAlertCount),
});
export type AlertsData = z.infer<typeof AlertsData>;

export const alerts = defineCommand({
  intent: 'alerts',
  title: 'Alerts',
  summary:
    'Early-warning alerts on a book: what fired, for which account, why (the inputs with their dates), and the play that acts on it',
  examples: ['my alerts', 'open alerts', 'alerts for my book'],
  triggers: {
    kind: 'book',
    exact: [/^(?:alerts|my alerts|open alerts|show (?:my )?alerts|any alerts\??|warnings|my warnings)$/],
    patterns: strong(
      /\b(?:my|open|new|active|todays?|today'?s|today s|unacknowledged|the|any) (?:early[- ]warning )?alerts\b/,
      /\b(?:show|list|give)(?: me)? alerts\b/,
      /\balerts? (?:for|on|in) (?:my|the) (?:book|accounts|team|portfolio)\b/,
      /\bearly[- ]warnings?\b/,
    ),
  },
  render: renderAlerts,
  account: 'none',
  // Named alerts are checked against each one's account (the scheduler asks this way as the
  // person a DM or an escalation goes to); otherwise the book the csm/scope args choose.
  access: (args) => ({
    area: 'account_health',
    write: false,
    target: args.alert_ids === undefined ? 'book' : 'alert',
  }),
  args: AlertsArgs,
  result: AlertsData,
  async run(ctx, args) {
    const book = await resolveBook(ctx, args);
    const states: readonly AlertState[] | null =
      args.state === 'all'
        ? null
        : args.state === 'open'
          ? ALERT_STATES.filter((s) => s !== 'resolved')
          : [args.state];
    const rows =
      args.alert_ids === undefined
        ? await listAlerts(ctx.db, { keys: book.keys, states, limit: args.limit })
        : (await alertsById(ctx.db, args.alert_ids)).filter(
            (a) => states === null || states.includes(a.state),
          );
    const byOwner = args.alert_ids === undefined ? await openAlertsByOwner(ctx.db, book.keys) : [];
    return {
      data: {
        scope: bookScopeData(book),
        state: args.state,
        alerts: await alertRows(ctx, rows),
        by_owner: byOwner,
      },
      asOf: ctx.today,
      definitions: { alerts: ALERTS_DEFINITION },
    };
  },
});
