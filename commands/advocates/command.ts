import { z } from 'zod';
import { centsToAmount } from '../../core/money.ts';
import { advocacyFits } from '../../facts/advocacy.ts';
import { ARR_DEFINITION } from '../../facts/arr.ts';
import { ADVOCACY_ASKS, advocacyRules } from '../../knowledge/advocacy.ts';
import { feedbackLoopSettings } from '../../knowledge/feedback-loop.ts';
import { rankAdvocates } from '../../tools/advocacy/advocate-fit.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { BookScopeData, BookScopeFields, bookFilter, bookScopeData, resolveBook } from '../book-scope.ts';
import { emailBasis } from '../email-basis.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderAdvocates } from './render.ts';

export const AdvocatesArgs = z
  .object({
    as_of: AsOfArg,
    ...BookScopeFields,
    /** Only accounts whose best-fitting ask is this one. */
    ask: z.enum(ADVOCACY_ASKS).optional(),
    /** How many candidates to list (default 10). */
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

const Money = z.number().describe('currency major units (e.g. dollars), exact to the cent');

const Candidate = z.object({
  account_id: z.string(),
  name: z.string(),
  segment: z.string().nullable(),
  csm: z.string().nullable(),
  arr: Money,
  ask: z.enum(ADVOCACY_ASKS),
  ask_label: z.string(),
  promoter: z.boolean(),
  board_eligible: z.boolean(),
  nps: z.object({ score: z.number(), at: z.string(), feedback_id: z.string() }).nullable(),
  health: z.object({ score: z.number().nullable(), tier: z.string(), as_of: z.string() }).nullable(),
  months_active: z.number().nullable(),
  last_ask: z.object({ at: z.string(), topic: z.string() }).nullable(),
  /** Asked within the cooldown: not to be asked again yet. */
  cooling_down: z.boolean(),
  reasons: z.array(z.string()),
  /** The ask as the grounded email path writes it (template; a model rewrites it with `draft_command`). */
  draft: z.object({ subject: z.string(), body: z.string() }).nullable(),
  draft_command: z.string(),
});

export const AdvocatesData = z.object({
  as_of: z.string(),
  scope: BookScopeData,
  rules_version: z.string(),
  accounts: z.number().int(),
  promoters: z.number().int(),
  board_eligible: z.number().int(),
  candidates: z.array(Candidate),
  /** Promoters and board-eligible accounts not asked, and why. */
  held_back: z.array(z.object({ account_id: z.string(), name: z.string(), reasons: z.array(z.string()) })),
});
export type AdvocatesData = z.infer<typeof AdvocatesData>;

/** Candidates shown with their draft written out; the rest carry the command that writes it. */
const DRAFTS_SHOWN = 3;

export const advocates = defineCommand({
  intent: 'advocates',
  title: 'Advocates',
  summary:
    'Who to ask for a case study, a reference call, a G2 review or an advisory-board seat: promoters and board candidates with no open P1/P2 tickets and no churn signs, the ask that fits, the last ask, and a draft',
  examples: ['who can be a reference?', 'advisory board candidates', 'who should we ask for a G2 review?'],
  triggers: {
    kind: 'book',
    exact: [/^(?:advocates|advocacy|references|reference customers|promoters)$/],
    patterns: strong(
      /\b(?:who|which (?:accounts|customers|clients)) (?:can|could|would|will|should|might) (?:be|act as|serve as) (?:a |our )?references?\b/,
      /\breference (?:customers?|accounts?|calls?|candidates?)\b/,
      /\b(?:advisory board|cab) (?:candidates?|members?|seats?|invit\w*)\b/,
      /\bcandidates? for (?:the|our|a)? ?(?:customer )?advisory board\b/,
      /\b(?:g2|capterra|trustradius) reviews?\b/,
      /\bcase stud(?:y|ies) (?:candidates?|customers?|accounts?)\b/,
      /\bwho (?:should|could|can) we ask for (?:a )?(?:review|reference|case study|testimonial|referral)s?\b/,
      /\b(?:our|my|the) (?:advocates|promoters|champions of the product)\b/,
      /\badvoca(?:cy|tes) (?:candidates|asks?|list|program)\b/,
      /\b(?:good|great|happy) references?\b/,
      /\b(?:sit|seat|serve|join) (?:on )?(?:our |the )?(?:customer )?advisory board\b/,
      /\b(?:leave|write|post|give) (?:us )?(?:a )?reviews?\b/,
      /\b(?:do|write|be) (?:a )?case study\b/,
      /\b(?:testimonials?|referrals?)\b/,
      /\b(?:best|top|biggest) (?:advocates|promoters|fans)\b/,
    ),
  },
  render: renderAdvocates,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: AdvocatesArgs,
  result: AdvocatesData,
  async run(ctx, args) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const book = await resolveBook(ctx, args);
    const rules = advocacyRules();
    const fits = await advocacyFits(ctx, asOf, bookFilter(book), rules);
    const ranked = rankAdvocates(fits.filter((f) => f.fit.ask && (!args.ask || f.fit.ask.ask === args.ask)));
    const shown = ranked.slice(0, args.limit ?? 10);
    const candidates = [];
    for (const [k, { facts, fit }] of shown.entries()) {
      const ask = fit.ask as NonNullable<typeof fit.ask>;
      const account = { id: facts.accountId, name: facts.name };
      const basis =
        k < DRAFTS_SHOWN && !fit.coolingDown
          ? await emailBasis(ctx, 'advocacy_ask', account, asOf, facts.csm)
          : null;
      candidates.push({
        account_id: facts.accountId,
        name: facts.name,
        segment: facts.segment,
        csm: facts.csm,
        arr: centsToAmount(facts.arrCents),
        ask: ask.ask,
        ask_label: ask.label,
        promoter: fit.promoter,
        board_eligible: fit.boardEligible,
        nps: facts.latestNps
          ? { score: facts.latestNps.score, at: facts.latestNps.at, feedback_id: facts.latestNps.feedbackId }
          : null,
        health: facts.health
          ? { score: facts.health.score, tier: facts.health.tier, as_of: facts.health.asOf }
          : null,
        months_active: fit.monthsActive,
        last_ask: facts.lastAsk,
        cooling_down: fit.coolingDown,
        reasons: fit.reasons,
        draft: basis?.template ?? null,
        draft_command: `cse run draft_email --kind advocacy_ask --account ${facts.accountId} --as-of ${asOf}`,
      });
    }
    return {
      data: {
        as_of: asOf,
        scope: bookScopeData(book),
        rules_version: rules.version,
        accounts: fits.length,
        promoters: fits.filter((f) => f.fit.promoter).length,
        board_eligible: fits.filter((f) => f.fit.boardEligible).length,
        candidates,
        held_back: fits
          .filter((f) => (f.fit.promoter || f.fit.boardEligible) && f.fit.excluded.length > 0)
          .map((f) => ({ account_id: f.facts.accountId, name: f.facts.name, reasons: f.fit.excluded })),
      },
      asOf,
      definitions: {
        promoter: `an account whose latest NPS answer in the last ${rules.nps_lookback_days} days is ${feedbackLoopSettings().nps.passive.max + 1} or more (a promoter: knowledge/feedback/loop.json)`,
        advisory_board: `health ${rules.board.min_health} or more, a customer for ${rules.board.min_months_active}+ months, feedback in the last ${rules.board.candid_feedback_days} days, segment ${rules.board.strategic_segments.join(' or ')}`,
        held_back: `open ${rules.exclude.open_ticket_severities.join('/').toUpperCase()} tickets, a ${rules.exclude.tiers.join(' or ')} health tier, or ${rules.exclude.churn_events.join(', ')} in the last ${rules.exclude.churn_event_days} days`,
        last_ask: `the latest touchpoint whose topic is ${rules.ask_topics.join(', ')}; an account asked in the last ${rules.ask_cooldown_days} days is cooling down`,
        arr: ARR_DEFINITION,
        rules: `knowledge/advocacy/rules.json (${rules.version})`,
      },
    };
  },
});
