import { z } from 'zod';
import { addDays, daysBetween, endOfDay } from '../../core/calendar.ts';
import { centsToAmount, formatMoney } from '../../core/money.ts';
import { getAccount } from '../../facts/accounts.ts';
import { contactsForAccount } from '../../facts/contacts.ts';
import { feedbackForAccount } from '../../facts/feedback.ts';
import { goalsForAccount } from '../../facts/goals.ts';
import { healthData, snapshotOnOrBefore } from '../../facts/health.ts';
import { accountRisk } from '../../facts/risk.ts';
import { listUsers } from '../../facts/team.ts';
import { openTicketsOn, severeOf } from '../../facts/tickets.ts';
import { touchpointsForAccount } from '../../facts/touchpoints.ts';
import { usageForAccount } from '../../facts/usage.ts';
import { expansionConfig } from '../../knowledge/expansion-config.ts';
import { feedbackThemes, THEME_IDS, themeEntry } from '../../knowledge/feedback-themes.ts';
import { healthModel } from '../../knowledge/health-model.ts';
import { QBR_SECTIONS, type QbrSection, qbrPlaybook } from '../../knowledge/qbr-playbook.ts';
import { successPlaybook } from '../../knowledge/success-playbook.ts';
import { threadingRule } from '../../knowledge/threading-rule.ts';
import { expansionRecommendations } from '../../tools/expansion/expansion-recommendations.ts';
import { expansionSignals } from '../../tools/expansion/expansion-signals.ts';
import { seatExpansion } from '../../tools/expansion/seat-expansion.ts';
import { tagThemes } from '../../tools/feedback/theme-lexicon.ts';
import { healthScore } from '../../tools/health/health-score.ts';
import { scoreGoals } from '../../tools/plans/goal-scorecard.ts';
import { qbrChecklist } from '../../tools/plans/qbr-checklist.ts';
import { qbrFollowUpEmail } from '../../tools/plans/qbr-follow-up.ts';
import { usageSummary } from '../../tools/plans/usage-summary.ts';
import { presentContacts } from '../../tools/relationship/contact-present.ts';
import { threadingOf } from '../../tools/relationship/threading.ts';
import { memberNamed } from '../../tools/team/team-member.ts';
import { excerpt } from '../../tools/text/excerpt.ts';
import { plural } from '../../tools/text/plural.ts';
import { STICKINESS_DEFINITION } from '../../tools/usage/stickiness.ts';
import { AccountProductsData, accountProducts, multiProduct } from '../account-products.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong } from '../parse/vocabulary.ts';
import { planStart, ScoredGoal } from '../plan-facts.ts';
import { accountPlanFocus, PlanFocusData, planFocusDefinition } from '../plan-focus.ts';
import { defineCommand } from '../registry-types.ts';
import { renderQbrPrep } from './render.ts';

export const QbrPrepArgs = z.object({ as_of: AsOfArg }).strict();

const Person = z.object({ name: z.string(), title: z.string().nullable(), role: z.string() });

export const QbrPrepData = z.object({
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

const FOLLOW_UP_DAYS = 2;

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
    const id = account.id;
    const from = addDays(asOf, -(playbook.usage_window_days - 1));
    const dayEnd = endOfDay(asOf);
    const [risk, row, contacts, goals, tickets, touches, usage, feedback, snapshot, history, users] =
      await Promise.all([
        accountRisk(ctx.db, id, asOf),
        getAccount(ctx.db, id),
        contactsForAccount(ctx.db, id),
        goalsForAccount(ctx.db, id),
        openTicketsOn(ctx.db, id, asOf),
        touchpointsForAccount(ctx.db, id, { from: addDays(asOf, -365), to: dayEnd }),
        usageForAccount(ctx.db, id, { from, to: asOf }),
        feedbackForAccount(ctx.db, id, { from, to: dayEnd }),
        snapshotOnOrBefore(ctx.db, id, asOf),
        Promise.all(
          playbook.health_lookback_days.map(async (days) => {
            const [then] = await healthData(ctx.db, addDays(asOf, -days), [id]);
            return then ? { days, health: healthScore(then, healthModel()) } : null;
          }),
        ),
        listUsers(ctx.db),
      ]);
    const csm = memberNamed(users, row?.csm);
    const { data, health, arrCents } = risk;
    const summary = usageSummary(usage, asOf, playbook.usage_window_days);
    const measured = {
      wau: summary.avg_weekly_active_users,
      seats_active: summary.latest_seats_active,
      features_used: summary.latest_features_used,
      core_actions: summary.core_actions_last_30d,
    };
    const scored = scoreGoals(
      goals,
      asOf,
      measured,
      successPlaybook().observable_metrics,
      planStart(row, asOf),
    );
    const seats = seatExpansion(data, arrCents);
    const config = expansionConfig();
    const recommendations = expansionRecommendations(
      expansionSignals(data, health.score, config),
      seats,
      arrCents,
      playbook.expansion_sizing,
      playbook.max_recommendations,
    ).map((r) => ({
      play: r.play,
      title: config.plays[r.play].title,
      because: r.because,
      added_arr: r.addedArrCents === null ? null : centsToAmount(r.addedArrCents),
      arithmetic: r.arithmetic,
      assumption: r.assumption,
    }));
    const taxonomy = feedbackThemes();
    const byTheme = new Map<(typeof THEME_IDS)[number], { count: number; example: string }>();
    for (const item of feedback) {
      const theme =
        (item.theme as (typeof THEME_IDS)[number] | null) ?? tagThemes(item.text, taxonomy).primary;
      const entry = byTheme.get(theme) ?? { count: 0, example: excerpt(item.text) };
      entry.count += 1;
      byTheme.set(theme, entry);
    }
    const themes = [...byTheme]
      .map(([theme, e]) => ({ theme, label: themeEntry(taxonomy, theme).label, ...e }))
      .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme));
    const people = presentContacts(contacts, asOf);
    const champion = people.find((c) => c.role === 'champion') ?? null;
    const sponsor = people.find((c) => c.role === 'exec_sponsor') ?? null;
    const rule = threadingRule();
    const threading = threadingOf(contacts, asOf, rule);
    const gaps: string[] = [];
    if (!champion) gaps.push('No champion on record: ask who owns the product day to day and invite them');
    if (!sponsor) gaps.push('No exec sponsor on record: ask the champion to bring their executive');
    if (threading.level !== 'multi_threaded')
      gaps.push(
        `Not multi-threaded (${threading.detail}): aim for ${rule.multi_threaded.min_engaged_contacts}+ engaged contacts or an exec sponsor beside the champion; invite a technical lead or a second user`,
      );
    const customer = [champion, sponsor, ...people.filter((c) => c.role === 'technical_lead').slice(0, 1)]
      .filter((c) => c !== null)
      .map((c) => ({ name: c.name ?? c.email ?? c.contact_id, title: c.title, role: c.role ?? 'user' }));
    const openTickets = tickets
      .map((t) => ({
        ticket_id: t.ticket_id,
        severity: t.severity ?? 'p4',
        subject: t.subject,
        opened_at: t.opened_at,
        age_days: daysBetween(t.opened_at.slice(0, 10), asOf),
      }))
      .sort((a, b) => a.severity.localeCompare(b.severity) || b.age_days - a.age_days);
    const lastQbr = touches.filter((t) => t.kind === 'qbr').at(-1)?.at ?? null;
    const followUpDue = addDays(asOf, FOLLOW_UP_DAYS);
    const checklist = qbrChecklist({
      asOf,
      latestUsageDate: usage.at(-1)?.date ?? null,
      usageFreshWithinDays: playbook.usage_fresh_within_days,
      latestSnapshot: snapshot?.as_of ?? null,
      goals: { total: scored.length, overdue: scored.filter((g) => g.score === 'overdue').length },
      openP1P2: severeOf(openTickets).length,
      champion: champion?.name ?? null,
      execSponsor: sponsor?.name ?? null,
      lastExecTouch: data.lastExecTouch,
      recommendations: recommendations.length,
      lastQbr,
      lastQbrWithinDays: playbook.last_qbr_within_days,
    });
    const healthHistory = history
      .filter((h) => h !== null)
      .map((h) => ({
        days_back: h.days,
        as_of: addDays(asOf, -h.days),
        score: h.health.score,
        tier: h.health.tier,
      }));
    const usageLine = usageWords(summary, row?.seats_purchased ?? null);
    const achieved = scored.filter((g) => g.score === 'achieved');
    const content: Record<QbrSection, string[]> = {
      opening: [
        scored.length > 0
          ? `Objectives: review the value delivered against ${plural(scored.length, 'success-plan goal')} and agree next quarter's priorities`
          : "Objectives: agree success-plan goals and next quarter's priorities",
        `Renewal: ${row?.renewal_date ?? 'no renewal date on record'} · ARR ${formatMoney(arrCents)}`,
      ],
      value_delivered:
        scored.length === 0
          ? [
              `No success-plan goals on record: agree 2–3 goals in this meeting (try "success plan for ${account?.name}")`,
            ]
          : [
              `${achieved.length} of ${scored.length} goals achieved`,
              ...scored.map((g) => `${g.objective}: ${g.score.replace('_', ' ')} — ${g.reason}`),
            ],
      usage_and_health: [
        usageLine,
        `Health ${health.score} (${health.tier})${healthHistory.map((h) => `; ${h.score} (${h.tier}) ${h.days_back} days ago`).join('')}`,
      ],
      support_review:
        openTickets.length === 0
          ? [`No open tickets; ${data.tickets90d.length} opened in the last 90 days`]
          : openTickets.map(
              (t) =>
                `${t.severity.toUpperCase()} ${t.subject ?? t.ticket_id} — open ${t.age_days} days: resolve or bring a plan`,
            ),
      recommendations:
        recommendations.length === 0
          ? [
              'No expansion signal in the data: focus the road-ahead discussion on adoption and the goals behind plan',
            ]
          : recommendations.map(
              (r) => `${r.title}: ${r.arithmetic}${r.assumption ? ` (assumes ${r.assumption})` : ''}`,
            ),
      customer_voice:
        themes.length === 0
          ? ['No feedback from this account in the last 90 days: ask what they would change first']
          : themes.map((t) => `${t.label} ×${t.count}: “${t.example}”`),
      next_steps: [
        'Agree an owner and a date for each item; confirm the next review',
        ...gaps,
        `Send the follow-up email by ${followUpDue}`,
      ],
    };
    const email = qbrFollowUpEmail(
      {
        account: account?.name ?? id,
        greeting: champion?.name?.split(' ')[0] ?? 'team',
        csm: csm?.name ?? row?.csm ?? 'your Customer Success Manager',
        goalsAchieved: achieved.length,
        goalsTotal: scored.length,
        achievedObjectives: achieved.map((g) => g.objective),
        usageWindowDays: playbook.usage_window_days,
        usageLine,
        openTickets: openTickets.map((t) => ({
          severity: t.severity,
          subject: t.subject,
          ticket_id: t.ticket_id,
        })),
        recommendations,
        followUpDue,
      },
      playbook.follow_up_email,
    );
    const [focus, products] = await Promise.all([
      accountPlanFocus(ctx, account.id, asOf, 'qbr_prep'),
      accountProducts(ctx, data, data.productUsage),
    ]);
    const result: QbrPrepData = {
      products: multiProduct(products),
      playbook: focus,
      as_of: asOf,
      arr: centsToAmount(arrCents),
      segment: row?.segment ?? null,
      renewal_date: row?.renewal_date ?? null,
      agenda: playbook.agenda.map((a) => ({ ...a, content: content[a.section] })),
      usage: { ...summary, seats_purchased: row?.seats_purchased ?? null },
      health: { score: health.score, tier: health.tier, history: healthHistory },
      goals: scored.map(({ days_to_due: _d, ...g }) => g),
      open_tickets: openTickets,
      recommendations,
      voice_of_customer: { items: feedback.length, themes },
      attendees: { customer, ours: [csm?.name ?? row?.csm ?? 'the CSM'], gaps },
      checklist,
      follow_up_due: followUpDue,
      follow_up_email: { subject: email.subject, body: email.body, facts: email.values },
    };
    return {
      data: result,
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

function usageWords(s: ReturnType<typeof usageSummary>, seatsPurchased: number | null): string {
  if (s.rows === 0) return `No usage data in the last ${s.window_days} days`;
  const parts = [
    s.avg_weekly_active_users !== null ? `${s.avg_weekly_active_users} weekly active users on average` : null,
    s.latest_seats_active !== null
      ? `${s.latest_seats_active}${seatsPurchased ? ` of ${seatsPurchased}` : ''} seats active`
      : null,
    s.latest_features_used !== null && s.features_total !== null
      ? `${s.latest_features_used} of ${s.features_total} features in use`
      : null,
    s.trend_percent !== null
      ? `core actions ${s.trend_percent >= 0 ? 'up' : 'down'} ${Math.abs(s.trend_percent)}% (last 30 days vs the first 30)`
      : null,
  ].filter((p) => p !== null);
  return parts.join('; ');
}
