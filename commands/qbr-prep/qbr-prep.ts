import { addDays, daysBetween } from '../../core/calendar.ts';
import { centsToAmount, formatMoney } from '../../core/money.ts';
import type { QbrFacts } from '../../facts/qbr.ts';
import { severeOf } from '../../facts/tickets.ts';
import { expansionConfig } from '../../knowledge/expansion-config.ts';
import { feedbackThemes, type THEME_IDS, themeEntry } from '../../knowledge/feedback-themes.ts';
import type { QbrPlaybook, QbrSection } from '../../knowledge/qbr-playbook.ts';
import { successPlaybook } from '../../knowledge/success-playbook.ts';
import { threadingRule } from '../../knowledge/threading-rule.ts';
import { expansionRecommendations } from '../../tools/expansion/expansion-recommendations.ts';
import { expansionSignals } from '../../tools/expansion/expansion-signals.ts';
import { seatExpansion } from '../../tools/expansion/seat-expansion.ts';
import { tagThemes } from '../../tools/feedback/theme-lexicon.ts';
import { scoreGoals } from '../../tools/plans/goal-scorecard.ts';
import { qbrChecklist } from '../../tools/plans/qbr-checklist.ts';
import { qbrFollowUpEmail } from '../../tools/plans/qbr-follow-up.ts';
import { type UsageSummary, usageSummary } from '../../tools/plans/usage-summary.ts';
import { presentContacts } from '../../tools/relationship/contact-present.ts';
import { threadingOf } from '../../tools/relationship/threading.ts';
import { memberNamed } from '../../tools/team/team-member.ts';
import { excerpt } from '../../tools/text/excerpt.ts';
import { plural } from '../../tools/text/plural.ts';
import { planStart } from '../plan-facts.ts';
import type { ResolvedAccount } from '../resolve-account.ts';
import type { QbrPrepData } from './command.ts';

const FOLLOW_UP_DAYS = 2;
type ThemeId = (typeof THEME_IDS)[number];
type Scored = ReturnType<typeof scoreGoals>;

/** Usage over the playbook's window and the success-plan goals scored against it. */
function usageAndGoals(facts: QbrFacts, asOf: string, playbook: QbrPlaybook) {
  const summary = usageSummary(facts.usage, asOf, playbook.usage_window_days);
  const measured = {
    wau: summary.avg_weekly_active_users,
    seats_active: summary.latest_seats_active,
    features_used: summary.latest_features_used,
    core_actions: summary.core_actions_last_30d,
  };
  const scored = scoreGoals(
    facts.goals,
    asOf,
    measured,
    successPlaybook().observable_metrics,
    planStart(facts.row, asOf),
  );
  return { summary, scored };
}

/** Sized expansion ideas from the account's signals (knowledge/plans/qbr.json sizing). */
function recommendationsOf(facts: QbrFacts, playbook: QbrPlaybook): QbrPrepData['recommendations'] {
  const { data, health, arrCents } = facts.risk;
  const config = expansionConfig();
  return expansionRecommendations(
    expansionSignals(data, health.score, config),
    seatExpansion(data, arrCents),
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
}

/** The feedback of the window by theme (stored, else the lexicon's), most frequent first. */
function voiceThemes(feedback: QbrFacts['feedback']): QbrPrepData['voice_of_customer']['themes'] {
  const taxonomy = feedbackThemes();
  const byTheme = new Map<ThemeId, { count: number; example: string }>();
  for (const item of feedback) {
    const theme = (item.theme as ThemeId | null) ?? tagThemes(item.text, taxonomy).primary;
    const entry = byTheme.get(theme) ?? { count: 0, example: excerpt(item.text) };
    entry.count += 1;
    byTheme.set(theme, entry);
  }
  return [...byTheme]
    .map(([theme, e]) => ({ theme, label: themeEntry(taxonomy, theme).label, ...e }))
    .sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme));
}

/** Who should attend from the customer, and the gaps in who is on record. */
function attendees(facts: QbrFacts, asOf: string) {
  const people = presentContacts(facts.contacts, asOf);
  const champion = people.find((c) => c.role === 'champion') ?? null;
  const sponsor = people.find((c) => c.role === 'exec_sponsor') ?? null;
  const rule = threadingRule();
  const threading = threadingOf(facts.contacts, asOf, rule);
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
  return { champion, sponsor, gaps, customer };
}

/** The tickets open at the end of the day, most severe and oldest first. */
const openTicketRows = (facts: QbrFacts, asOf: string): QbrPrepData['open_tickets'] =>
  facts.tickets
    .map((t) => ({
      ticket_id: t.ticket_id,
      severity: t.severity ?? 'p4',
      subject: t.subject,
      opened_at: t.opened_at,
      age_days: daysBetween(t.opened_at.slice(0, 10), asOf),
    }))
    .sort((a, b) => a.severity.localeCompare(b.severity) || b.age_days - a.age_days);

/** The health score at each look-back of the playbook. */
const healthHistoryOf = (facts: QbrFacts, asOf: string): QbrPrepData['health']['history'] =>
  facts.history
    .filter((h) => h !== null)
    .map((h) => ({
      days_back: h.days,
      as_of: addDays(asOf, -h.days),
      score: h.health.score,
      tier: h.health.tier,
    }));

/** Usage in one line of words, for the agenda and the email. */
function usageWords(s: UsageSummary, seatsPurchased: number | null): string {
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

interface AgendaInputs {
  account: ResolvedAccount;
  facts: QbrFacts;
  scored: Scored;
  usageLine: string;
  healthHistory: QbrPrepData['health']['history'];
  openTickets: QbrPrepData['open_tickets'];
  recommendations: QbrPrepData['recommendations'];
  themes: QbrPrepData['voice_of_customer']['themes'];
  gaps: string[];
  followUpDue: string;
}

/** What each section of the 60-minute agenda covers, in words built only from the facts. */
function agendaContent(i: AgendaInputs): Record<QbrSection, string[]> {
  const { health, data, arrCents } = i.facts.risk;
  const achieved = i.scored.filter((g) => g.score === 'achieved');
  return {
    opening: [
      i.scored.length > 0
        ? `Objectives: review the value delivered against ${plural(i.scored.length, 'success-plan goal')} and agree next quarter's priorities`
        : "Objectives: agree success-plan goals and next quarter's priorities",
      `Renewal: ${i.facts.row?.renewal_date ?? 'no renewal date on record'} · ARR ${formatMoney(arrCents)}`,
    ],
    value_delivered:
      i.scored.length === 0
        ? [
            `No success-plan goals on record: agree 2–3 goals in this meeting (try "success plan for ${i.account.name}")`,
          ]
        : [
            `${achieved.length} of ${i.scored.length} goals achieved`,
            ...i.scored.map((g) => `${g.objective}: ${g.score.replace('_', ' ')} — ${g.reason}`),
          ],
    usage_and_health: [
      i.usageLine,
      `Health ${health.score} (${health.tier})${i.healthHistory.map((h) => `; ${h.score} (${h.tier}) ${h.days_back} days ago`).join('')}`,
    ],
    support_review:
      i.openTickets.length === 0
        ? [`No open tickets; ${data.tickets90d.length} opened in the last 90 days`]
        : i.openTickets.map(
            (t) =>
              `${t.severity.toUpperCase()} ${t.subject ?? t.ticket_id} — open ${t.age_days} days: resolve or bring a plan`,
          ),
    recommendations:
      i.recommendations.length === 0
        ? [
            'No expansion signal in the data: focus the road-ahead discussion on adoption and the goals behind plan',
          ]
        : i.recommendations.map(
            (r) => `${r.title}: ${r.arithmetic}${r.assumption ? ` (assumes ${r.assumption})` : ''}`,
          ),
    customer_voice:
      i.themes.length === 0
        ? ['No feedback from this account in the last 90 days: ask what they would change first']
        : i.themes.map((t) => `${t.label} ×${t.count}: “${t.example}”`),
    next_steps: [
      'Agree an owner and a date for each item; confirm the next review',
      ...i.gaps,
      `Send the follow-up email by ${i.followUpDue}`,
    ],
  };
}

/**
 * A QBR prep from its facts (facts/qbr) and the plan focus and products read beside them: the
 * agenda, attendees, checklist and follow-up email. Pure: the same facts give the same prep.
 */
export function qbrPrepOf(
  account: ResolvedAccount,
  facts: QbrFacts,
  asOf: string,
  playbook: QbrPlaybook,
  extra: Pick<QbrPrepData, 'playbook' | 'products' | 'told_us'>,
): QbrPrepData {
  const { summary, scored } = usageAndGoals(facts, asOf, playbook);
  const recommendations = recommendationsOf(facts, playbook);
  const themes = voiceThemes(facts.feedback);
  const { champion, sponsor, gaps, customer } = attendees(facts, asOf);
  const openTickets = openTicketRows(facts, asOf);
  const followUpDue = addDays(asOf, FOLLOW_UP_DAYS);
  const healthHistory = healthHistoryOf(facts, asOf);
  const seatsPurchased = facts.row?.seats_purchased ?? null;
  const usageLine = usageWords(summary, seatsPurchased);
  const content = agendaContent({
    account,
    facts,
    scored,
    usageLine,
    healthHistory,
    openTickets,
    recommendations,
    themes,
    gaps,
    followUpDue,
  });
  const csm = memberNamed(facts.users, facts.row?.csm);
  const csmName = csm?.name ?? facts.row?.csm;
  const achieved = scored.filter((g) => g.score === 'achieved');
  const email = qbrFollowUpEmail(
    {
      account: account.name,
      greeting: champion?.name?.split(' ')[0] ?? 'team',
      csm: csmName ?? 'your Customer Success Manager',
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
  const checklist = qbrChecklist({
    asOf,
    latestUsageDate: facts.usage.at(-1)?.date ?? null,
    usageFreshWithinDays: playbook.usage_fresh_within_days,
    latestSnapshot: facts.snapshot?.as_of ?? null,
    goals: { total: scored.length, overdue: scored.filter((g) => g.score === 'overdue').length },
    openP1P2: severeOf(openTickets).length,
    champion: champion?.name ?? null,
    execSponsor: sponsor?.name ?? null,
    lastExecTouch: facts.risk.data.lastExecTouch,
    recommendations: recommendations.length,
    lastQbr: facts.touches.filter((t) => t.kind === 'qbr').at(-1)?.at ?? null,
    lastQbrWithinDays: playbook.last_qbr_within_days,
  });
  const { health, arrCents } = facts.risk;
  return {
    ...extra,
    as_of: asOf,
    arr: centsToAmount(arrCents),
    segment: facts.row?.segment ?? null,
    renewal_date: facts.row?.renewal_date ?? null,
    agenda: playbook.agenda.map((a) => ({ ...a, content: content[a.section] })),
    usage: { ...summary, seats_purchased: seatsPurchased },
    health: { score: health.score, tier: health.tier, history: healthHistory },
    goals: scored.map(({ days_to_due: _d, ...g }) => g),
    open_tickets: openTickets,
    recommendations,
    voice_of_customer: { items: facts.feedback.length, themes },
    attendees: { customer, ours: [csmName ?? 'the CSM'], gaps },
    checklist,
    follow_up_due: followUpDue,
    follow_up_email: { subject: email.subject, body: email.body, facts: email.values },
  };
}
