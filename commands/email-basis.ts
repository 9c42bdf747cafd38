import { addDays, endOfDay } from '../core/calendar.ts';
import { CseError, ErrorCode } from '../core/errors.ts';
import { advocacyFits } from '../facts/advocacy.ts';
import { contactsForAccount } from '../facts/contacts.ts';
import { feedbackForAccount } from '../facts/feedback.ts';
import { requestingItems, shippedRequestOf } from '../facts/roadmap.ts';
import { listUsers } from '../facts/team.ts';
import { accountUsage } from '../facts/usage.ts';
import { type EmailKind, type EmailTemplate, emailTemplates } from '../knowledge/email-templates.ts';
import { feedbackThemes, type ThemeId, themeEntry } from '../knowledge/feedback-themes.ts';
import { qbrPlaybook } from '../knowledge/qbr-playbook.ts';
import { tagThemes } from '../tools/feedback/theme-lexicon.ts';
import { presentContacts } from '../tools/relationship/contact-present.ts';
import { memberNamed } from '../tools/team/team-member.ts';
import { defangCustomerText } from '../tools/text/customer-text.ts';
import { excerpt } from '../tools/text/excerpt.ts';
import { fillTemplate } from '../tools/text/fill-template.ts';
import { compose } from './compose.ts';
import type { CommandContext } from './context.ts';
import type { ResolvedAccount } from './resolve-account.ts';

export type Facts = Record<string, string | number>;

/** What an email is written from: the facts, the template draft, who it goes to, its source. */
export interface EmailBasis {
  facts: Facts;
  template: { subject: string; body: string };
  to: { name: string; email: string | null } | null;
  /** Where the facts come from: the `cse run …` line of the answer, or the stored item. */
  source: string;
  /**
   * The facts that hold the customer's own words: evidence the email may quote (without links,
   * domains or email addresses), never the ground for a figure, link or commitment of ours.
   */
  evidence?: readonly string[];
}

/** The customer's words as an email quotes them: an excerpt, with no link or address of theirs. */
const customerWords = (text: string) => excerpt(defangCustomerText(text), EXCERPT);

const EXCERPT = 200;

function fill(template: EmailTemplate, facts: Facts): { subject: string; body: string } {
  return {
    subject: fillTemplate(template.subject, facts),
    body: template.body
      .map((line) => fillTemplate(line, facts))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n'),
  };
}

async function people(ctx: CommandContext, account: ResolvedAccount, csmId: string | null) {
  const [contacts, users] = await Promise.all([contactsForAccount(ctx.db, account.id), listUsers(ctx.db)]);
  const present = presentContacts(contacts, ctx.today);
  const to =
    present.find((c) => c.role === 'champion') ??
    present.find((c) => c.role === 'exec_sponsor') ??
    present.find((c) => c.role === 'admin') ??
    null;
  const csm = memberNamed(users, csmId);
  return {
    to: to ? { name: to.name ?? to.email ?? to.contact_id, email: to.email } : null,
    greeting: to?.name?.split(' ')[0] ?? 'team',
    csm: csm?.name ?? csmId ?? 'your Customer Success Manager',
  };
}

/** An email's basis: its facts, the template filled with them, who it goes to, where the facts come from. */
const drafted = (
  facts: Facts,
  template: EmailTemplate,
  who: { to: EmailBasis['to'] },
  source: string,
  evidence?: readonly string[],
): EmailBasis => ({
  facts,
  template: fill(template, facts),
  to: who.to,
  source,
  ...(evidence ? { evidence } : {}),
});

const runLine = (intent: string, account: ResolvedAccount, asOf: string) =>
  `cse run ${intent} --account ${account.id} --as-of ${asOf}`;

/** What every builder starts from: the account, the day, the facts every email has, and who it goes to. */
interface EmailRequest {
  ctx: CommandContext;
  kind: EmailKind;
  account: ResolvedAccount;
  asOf: string;
  base: Facts;
  who: Awaited<ReturnType<typeof people>>;
  templates: ReturnType<typeof emailTemplates>;
  feedbackId: string | undefined;
}

/** The QBR follow-up: the email qbr_prep wrote, with its facts. */
async function qbrFollowUp({ ctx, account, asOf, who }: EmailRequest): Promise<EmailBasis> {
  const qbr = (await compose(ctx, 'qbr_prep', { account: account.id, as_of: asOf })).data;
  const e = qbr.follow_up_email;
  return {
    facts: e.facts,
    template: { subject: e.subject, body: e.body },
    to: who.to,
    source: runLine('qbr_prep', account, asOf),
  };
}

/** An adoption nudge from the usage facts (facts/usage), over the QBR window. */
async function adoptionNudge({
  ctx,
  account,
  asOf,
  base,
  who,
  templates,
}: EmailRequest): Promise<EmailBasis> {
  const { summary: u, seatsPurchased } = await accountUsage(
    ctx.db,
    account.id,
    asOf,
    qbrPlaybook().usage_window_days,
  );
  if (u.rows === 0)
    throw new CseError(
      ErrorCode.BadInput,
      `${account.name} has no usage data in the last ${u.window_days} days`,
      {
        hint: 'An adoption nudge quotes their usage: import usage first',
      },
    );
  const facts: Facts = {
    ...base,
    seats_line:
      u.latest_seats_active !== null && seatsPurchased
        ? `${u.latest_seats_active} of ${seatsPurchased} seats are active`
        : `${u.avg_weekly_active_users ?? 0} people use it in a typical week`,
    features_line:
      u.latest_features_used !== null && u.features_total !== null
        ? `your team uses ${u.latest_features_used} of ${u.features_total} features`
        : 'some features are not in use yet',
  };
  return drafted(facts, templates.adoption_nudge, who, runLine('qbr_prep', account, asOf));
}

/** The 90-day renewal email from renewal_prep. */
async function renewal90Day({ ctx, account, asOf, base, who, templates }: EmailRequest): Promise<EmailBasis> {
  const r = (await compose(ctx, 'renewal_prep', { account: account.id, as_of: asOf })).data;
  if (!r.applicable || !r.renewal_date)
    throw new CseError(
      ErrorCode.BadInput,
      `No renewal email for ${account.name}: ${r.message ?? 'no renewal date'}`,
    );
  const facts: Facts = {
    ...base,
    renewal_date: r.renewal_date,
    days_to_renewal: r.days_to_renewal ?? 0,
    goals_line:
      r.value_recap.goals_total === 0
        ? 'we have not written down goals together yet; let us do that for next year'
        : r.value_recap.summary,
    usage_line: r.value_recap.usage,
    options_line: r.options.some((o) => o.kind === 'multi_year')
      ? '- We can also look at a multi-year term, which lowers the yearly price.'
      : '',
  };
  return drafted(facts, templates.renewal_90_day, who, runLine('renewal_prep', account, asOf));
}

/** Save outreach from the save play: its likely reason and first step. */
async function saveOutreach({ ctx, account, asOf, base, who, templates }: EmailRequest): Promise<EmailBasis> {
  const s = (await compose(ctx, 'save_play', { account: account.id, as_of: asOf })).data;
  const category = s.likely_reason?.category ?? 'default';
  const facts: Facts = {
    ...base,
    concern_line: templates.concern_lines[category] ?? (templates.concern_lines.default as string),
    // The plan's first step, but never "by today": give the customer two days at least.
    meet_by: [s.steps[0]?.due ?? addDays(asOf, 7), addDays(asOf, 2)].sort().at(-1) as string,
  };
  return drafted(facts, templates.save_outreach, who, runLine('save_play', account, asOf));
}

/** A win-back email from the win-back plan (steps 1–3). */
async function winback({
  ctx,
  kind,
  account,
  asOf,
  base,
  who,
  templates,
}: EmailRequest): Promise<EmailBasis> {
  const w = (await compose(ctx, 'winback_plan', { account: account.id, as_of: asOf })).data;
  if (!w.churned)
    throw new CseError(
      ErrorCode.BadInput,
      `${account.name} has not churned: win-back emails are for churned accounts`,
      {
        hint: `Try "draft save outreach email for ${account.name}"`,
      },
    );
  const step = Number(kind.slice(-1));
  const email = w.emails.find((e) => e.step === step);
  const facts: Facts = {
    ...base,
    subject: email?.subject ?? `${account.name}: checking in`,
    send_on: email?.send_on ?? asOf,
    what_changed: w.what_changed ?? '',
  };
  return drafted(
    facts,
    templates[kind as 'winback_1' | 'winback_2' | 'winback_3'],
    who,
    runLine('winback_plan', account, asOf),
  );
}

/** An advocacy ask from the account's advocacy fit (facts/advocacy). */
async function advocacyAsk({ ctx, account, asOf, base, who, templates }: EmailRequest): Promise<EmailBasis> {
  const [row] = await advocacyFits(ctx, asOf, { ids: [account.id] });
  const ask = row?.fit.ask;
  if (!row || !ask)
    throw new CseError(
      ErrorCode.BadInput,
      `No advocacy ask for ${account.name} as of ${asOf}: ${
        !row
          ? 'it is not an active account'
          : row.fit.excluded.length > 0
            ? row.fit.excluded.join('; ')
            : 'it is not a promoter and does not meet the advisory-board criteria'
      }`,
      { hint: `cse run advocates --as-of ${asOf} lists who can be asked, and why` },
    );
  const nps = row.facts.latestNps;
  const facts: Facts = {
    ...base,
    ask: ask.ask,
    thanks_line: nps
      ? `the ${nps.score} out of 10 you gave us on ${nps.at.slice(0, 10)}`
      : 'the candid feedback you have shared with us',
    tenure_line:
      row.fit.monthsActive !== null
        ? `We have worked together for ${row.fit.monthsActive} months now, and what your team has built is worth sharing.`
        : 'What your team has built is worth sharing.',
    ask_line: templates.advocacy_asks[ask.ask],
  };
  return drafted(facts, templates.advocacy_ask, who, `cse run advocates --as-of ${asOf}`);
}

/** A release note for a shipped roadmap item the account asked for. */
async function releaseNote({
  ctx,
  account,
  asOf,
  base,
  who,
  templates,
  feedbackId,
}: EmailRequest): Promise<EmailBasis> {
  const found = await shippedRequestOf(ctx.db, account.id, endOfDay(asOf), feedbackId ?? null);
  if (!found)
    throw new CseError(
      ErrorCode.BadInput,
      feedbackId
        ? `${feedbackId} is not ${account.name}'s feedback behind a shipped roadmap item`
        : `${account.name} asked for nothing that has shipped`,
      { hint: `cse run shipped_requests --as-of ${asOf} lists what shipped and who asked` },
    );
  const asking = new Set(
    (await requestingItems(ctx.db, [found.roadmap.roadmap_key])).map((r) => r.account_id),
  ).size;
  const facts: Facts = {
    ...base,
    feedback_date: found.item.created_at.slice(0, 10),
    feedback_excerpt: customerWords(found.item.text),
    roadmap_key: found.roadmap.roadmap_key,
    roadmap_title: found.roadmap.title,
    shipped_on: found.roadmap.shipped_at?.slice(0, 10) ?? asOf,
    customers_asking: asking,
    others_line:
      asking > 1
        ? `You were one of ${asking} customers who asked for it, and your words shaped what we built.`
        : 'Your request is what put it on our roadmap.',
  };
  return drafted(
    facts,
    templates.release_note,
    who,
    `feedback item ${found.item.feedback_id} and roadmap item ${found.roadmap.roadmap_key}`,
    ['feedback_excerpt'],
  );
}

/** Closing the loop on one feedback item. */
async function closedLoop({
  ctx,
  account,
  asOf,
  base,
  who,
  templates,
  feedbackId,
}: EmailRequest): Promise<EmailBasis> {
  const items = await feedbackForAccount(ctx.db, account.id, { to: endOfDay(asOf) });
  const item = feedbackId ? items.find((i) => i.feedback_id === feedbackId) : items.at(-1);
  if (!item)
    throw new CseError(ErrorCode.BadInput, `${account.name} has no feedback to close the loop on`, {
      hint: 'Log their feedback first (cse import feedback <file>)',
    });
  const taxonomy = feedbackThemes();
  const theme = (item.theme as ThemeId | null) ?? tagThemes(item.text, taxonomy).primary;
  const entry = themeEntry(taxonomy, theme);
  const facts: Facts = {
    ...base,
    feedback_date: item.created_at.slice(0, 10),
    feedback_excerpt: customerWords(item.text),
    theme_label: entry.label.toLowerCase(),
    owner_team: templates.owner_teams[entry.owner],
    status_line:
      item.status === 'resolved'
        ? 'It is now resolved; tell me if anything still gets in your way.'
        : 'I will write again as soon as there is progress.',
  };
  return drafted(facts, templates.closed_loop, who, `feedback item ${item.feedback_id}`, [
    'feedback_excerpt',
  ]);
}

const BUILDERS: Record<EmailKind, (request: EmailRequest) => Promise<EmailBasis>> = {
  qbr_follow_up: qbrFollowUp,
  adoption_nudge: adoptionNudge,
  renewal_90_day: renewal90Day,
  save_outreach: saveOutreach,
  winback_1: winback,
  winback_2: winback,
  winback_3: winback,
  advocacy_ask: advocacyAsk,
  release_note: releaseNote,
  closed_loop: closedLoop,
};

/**
 * Builds the facts for one kind of email from the command whose answer it follows up on (through
 * the router) or from facts/, and the template draft from knowledge/. Every figure an email may
 * state is in the facts.
 */
export async function emailBasis(
  ctx: CommandContext,
  kind: EmailKind,
  account: ResolvedAccount,
  asOf: string,
  csmId: string | null,
  feedbackId?: string,
): Promise<EmailBasis> {
  const who = await people(ctx, account, csmId);
  const base: Facts = { account: account.name, greeting: who.greeting, csm: who.csm };
  return BUILDERS[kind]({ ctx, kind, account, asOf, base, who, templates: emailTemplates(), feedbackId });
}
