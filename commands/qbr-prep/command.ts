import { z } from 'zod';
import { qbrFacts } from '../../facts/qbr.ts';
import { whatTheyToldUs } from '../../facts/signals.ts';
import { THEME_IDS } from '../../knowledge/feedback-themes.ts';
import { QBR_SECTIONS, qbrPlaybook } from '../../knowledge/qbr-playbook.ts';
import { STICKINESS_DEFINITION } from '../../tools/usage/stickiness.ts';
import { AccountProductsData, accountProducts, multiProduct } from '../account-products.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong } from '../parse/vocabulary.ts';
import { ScoredGoal } from '../plan-facts.ts';
import { accountPlanFocus, PlanFocusData, planFocusDefinition } from '../plan-focus.ts';
import { defineCommand } from '../registry-types.ts';
import { signalRow, ToldUs } from '../signal-rows.ts';
import { qbrPrepOf } from './qbr-prep.ts';
import { renderQbrPrep } from './render.ts';

export const QbrPrepArgs = z.object({ as_of: AsOfArg }).strict();

const Person = z.object({ name: z.string(), title: z.string().nullable(), role: z.string() });

export const QbrPrepData = z.object({
  /** The newest signals in the customer's words (90 days), with their quotes. */
  told_us: ToldUs,
  /** A multi-product account's products, reviewed together: each line's ARR, health and use. */
  products: AccountProductsData.nullable(),
  /** The lifecycle stage and segment strategy this plan follows, and any CS-tier move. */
  playbook: PlanFocusData,
  as_of: z.string(),
  arr: z.number(),
  segment: z.string().nullable(),
  renewal_date: z.string().nullable(),
  agenda: z.array(
    z.object({
      section: z.enum(QBR_SECTIONS),
      title: z.string(),
      minutes: z.number().int(),
      content: z.array(z.string()),
    }),
  ),
  usage: z.object({
    window_days: z.number().int(),
    from: z.string(),
    to: z.string(),
    rows: z.number().int(),
    avg_weekly_active_users: z.number().nullable(),
    stickiness: z.number().nullable(),
    latest_seats_active: z.number().nullable(),
    seats_purchased: z.number().nullable(),
    latest_features_used: z.number().nullable(),
    features_total: z.number().nullable(),
    core_actions_total: z.number(),
    core_actions_first_30d: z.number().nullable(),
    core_actions_last_30d: z.number().nullable(),
    trend_percent: z.number().nullable(),
    trend: z.enum(['growing', 'flat', 'declining', 'unknown']),
  }),
  health: z.object({
    score: z.number().nullable(),
    tier: z.string(),
    history: z.array(
      z.object({
        days_back: z.number().int(),
        as_of: z.string(),
        score: z.number().nullable(),
        tier: z.string(),
      }),
    ),
  }),
  goals: z.array(ScoredGoal),
  open_tickets: z.array(
    z.object({
      ticket_id: z.string(),
      severity: z.string(),
      subject: z.string().nullable(),
      opened_at: z.string(),
      age_days: z.number().int(),
    }),
  ),
  recommendations: z.array(
    z.object({
      play: z.string(),
      title: z.string(),
      because: z.array(z.string()),
      added_arr: z.number().nullable(),
      arithmetic: z.string(),
      assumption: z.string().nullable(),
    }),
  ),
  voice_of_customer: z.object({
    items: z.number().int(),
    themes: z.array(
      z.object({ theme: z.enum(THEME_IDS), label: z.string(), count: z.number().int(), example: z.string() }),
    ),
  }),
  attendees: z.object({
    customer: z.array(Person),
    ours: z.array(z.string()),
    gaps: z.array(z.string()),
  }),
  checklist: z.array(z.object({ item: z.string(), done: z.boolean(), evidence: z.string() })),
  follow_up_due: z.string(),
  follow_up_email: z.object({
    subject: z.string(),
    body: z.string(),
    /** The values the email was filled with: the facts an email draft may use. */
    facts: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
});
export type QbrPrepData = z.infer<typeof QbrPrepData>;

export const qbrPrep = defineCommand({
  intent: 'qbr_prep',
  title: 'QBR prep',
  summary:
    'A 60-minute QBR agenda filled with the account’s usage, health trend, goals, tickets, sized expansion ideas and feedback; who should attend; the prep checklist and the follow-up email',
  examples: ['QBR prep for Initech', 'prep me for the Globex QBR', 'quarterly business review for Acme Corp'],
  triggers: {
    kind: 'account',
    patterns: strong(
      /\bqbrs?\b/,
      /\bebrs?\b/,
      /\bquarterly (?:business )?(?:review|check ?in|meeting|sync)\b/,
      /\bbusiness review\b/,
    ),
  },
  render: renderQbrPrep,
  account: 'required',
  access: { area: 'account_health', write: false, target: 'account' },
  args: QbrPrepArgs,
  result: QbrPrepData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const playbook = qbrPlaybook();
    const facts = await qbrFacts(ctx.db, account.id, asOf, playbook);
    const [focus, products, told] = await Promise.all([
      accountPlanFocus(ctx, account.id, asOf, 'qbr_prep'),
      accountProducts(ctx, facts.risk.data, facts.risk.data.productUsage),
      whatTheyToldUs(ctx.db, account.id, asOf),
    ]);
    return {
      data: qbrPrepOf(account, facts, asOf, playbook, {
        playbook: focus,
        products: multiProduct(products),
        told_us: told.map(signalRow),
      }),
      asOf,
      definitions: {
        playbook: planFocusDefinition(),
        usage: `the ${playbook.usage_window_days} days to as-of; trend = core actions per usage row, last 30 days vs first 30 days (±10% is flat)`,
        stickiness: STICKINESS_DEFINITION,
        goals:
          'achieved/missed as recorded; overdue past due; behind when measured progress trails the share of time elapsed',
        recommendations:
          'price per seat = ARR ÷ seats purchased; other sizes use the assumptions in knowledge/plans/qbr.json',
        themes: 'stored theme, else the lexicon tagger (knowledge/feedback/themes.json)',
      },
    };
  },
});
