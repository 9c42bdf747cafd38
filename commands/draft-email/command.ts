import { z } from 'zod';
import { toCseError } from '../../core/errors.ts';
import { getAccount } from '../../facts/accounts.ts';
import { EMAIL_KIND_NAMES } from '../../knowledge/email-templates.ts';
import { LlmBudget } from '../../llm/budget.ts';
import { DRAFT_EMAIL_SYSTEM, draftEmailUserPrompt, regroundPrompt } from '../../prompts/draft-email.ts';
import { ungroundedClaims } from '../../tools/text/claims.ts';
import { ungroundedFigures } from '../../tools/text/figures.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { emailBasis } from '../email-basis.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderDraftEmail } from './render.ts';

export const DraftEmailArgs = z
  .object({
    kind: z.enum(EMAIL_KIND_NAMES, { error: `must be one of ${EMAIL_KIND_NAMES.join(', ')}` }),
    as_of: AsOfArg,
    /** closed_loop, release_note: the feedback item to close the loop on (default: the account's latest). */
    feedback_id: z.string().min(1).optional(),
  })
  .strict();

export const DraftEmailData = z.object({
  as_of: z.string(),
  kind: z.enum(EMAIL_KIND_NAMES),
  to: z.object({ name: z.string(), email: z.string().nullable() }).nullable(),
  subject: z.string(),
  body: z.string(),
  /** 'llm': the model's prose passed the grounding check; 'template': the knowledge/ template. */
  via: z.enum(['llm', 'template']),
  facts: z.record(z.string(), z.union([z.string(), z.number()])),
  grounding: z.object({
    /** Model drafts rejected for stating figures not in the facts, with those figures. */
    rejected: z.array(z.object({ attempt: z.number().int(), ungrounded: z.array(z.string()) })),
    /** Why the template was used when a model is configured. */
    fallback_reason: z.string().nullable(),
  }),
  source: z.string(),
});
export type DraftEmailData = z.infer<typeof DraftEmailData>;

const Draft = z.object({ subject: z.string(), body: z.string() });
const ATTEMPTS = 2;

export const draftEmail = defineCommand({
  intent: 'draft_email',
  title: 'Email draft',
  summary: `A customer email built from the figures our tools computed (kinds: ${EMAIL_KIND_NAMES.join(', ')}); with a model, prose checked to state no figure outside those facts`,
  examples: [
    'draft qbr_follow_up email for Initech',
    'write the renewal email for Hooli',
    'draft win-back email 2 for Umbrella Health',
  ],
  triggers: {
    kind: 'account',
    patterns: strong(
      /\b(?:write|draft|compose)\b.{0,40}\b(?:follow[- ]?up|note|letter)\b/,
      /\b(?:draft|write|compose|prepare|create|generate|draw up)\b(?: me| up)?(?: (?:a|an|the|our|my))?.{0,48}?\b(?:e ?mail|emails|email draft)\b/,
      /\be ?mail draft\b/,
      /\bdraft\b.{0,40}\b(?:follow up|outreach|nudge|note)\b/,
    ),
  },
  render: renderDraftEmail,
  account: 'required',
  access: (args) => ({
    area: args.kind === 'closed_loop' || args.kind === 'release_note' ? 'account_feedback' : 'account_health',
    write: false,
    target: 'account',
  }),
  args: DraftEmailArgs,
  result: DraftEmailData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const id = account.id;
    const row = await getAccount(ctx.db, id);
    const basis = await emailBasis(
      ctx,
      args.kind,
      account ?? { id, name: id },
      asOf,
      row?.csm ?? null,
      args.feedback_id,
    );
    const rejected: DraftEmailData['grounding']['rejected'] = [];
    // The customer's words are evidence: no figure of the draft may rest on them alone.
    const teamFacts = Object.fromEntries(
      Object.entries(basis.facts).filter(([key]) => !basis.evidence?.includes(key)),
    );
    let draft: { subject: string; body: string } | null = null;
    let fallback: string | null = null;
    if (ctx.llm) {
      const budget = new LlmBudget(ATTEMPTS);
      let prompt = draftEmailUserPrompt(
        args.kind,
        basis.facts,
        `${basis.template.subject}\n\n${basis.template.body}`,
      );
      try {
        for (let attempt = 1; attempt <= ATTEMPTS && draft === null; attempt++) {
          const candidate = await ctx.llm.structured({
            system: DRAFT_EMAIL_SYSTEM,
            user: prompt,
            schema: Draft,
            name: 'email_draft',
            budget,
          });
          const written = `${candidate.subject}\n${candidate.body}`;
          const template = `${basis.template.subject}\n\n${basis.template.body}`;
          const ungrounded = [
            ...ungroundedFigures(written, teamFacts),
            ...ungroundedClaims(written, basis.facts, template, basis.evidence),
          ];
          if (ungrounded.length === 0) draft = candidate;
          else {
            rejected.push({ attempt, ungrounded });
            prompt = regroundPrompt(prompt, ungrounded);
          }
        }
        if (draft === null)
          fallback = `the model's drafts stated figures or claims not in the facts ${ATTEMPTS} times`;
      } catch (error) {
        fallback = toCseError(error).message;
        ctx.logger.warn({ err: fallback }, 'email draft fell back to the template');
      }
    }
    const final = draft ?? basis.template;
    return {
      data: {
        as_of: asOf,
        kind: args.kind,
        to: basis.to,
        subject: final.subject,
        body: final.body,
        via: draft ? ('llm' as const) : ('template' as const),
        facts: basis.facts,
        grounding: { rejected, fallback_reason: fallback },
        source: basis.source,
      },
      asOf,
      definitions: {
        grounding:
          "every number, date, percentage and money amount in the email appears in the team's facts, and every link, domain, email address, date in words and commitment (promise, discount, money off, refund, rebate, credit, free period, waived fee) in those facts or the template; the customer's quoted words ground none of them and are quoted without their links or addresses; a model draft that fails is retried once, then the template is used",
      },
    };
  },
});
