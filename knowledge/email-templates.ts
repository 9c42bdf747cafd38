import { z } from 'zod';
import { ADVOCACY_ASKS } from './advocacy.ts';
import { FEEDBACK_OWNERS } from './feedback-themes.ts';
import { loadKnowledge } from './load-knowledge.ts';

/** Email kinds `draft <kind> email for <account>` writes. */
export const EMAIL_KIND_NAMES = [
  'qbr_follow_up',
  'renewal_90_day',
  'adoption_nudge',
  'save_outreach',
  'winback_1',
  'winback_2',
  'winback_3',
  'closed_loop',
  'release_note',
  'advocacy_ask',
] as const;
export type EmailKind = (typeof EMAIL_KIND_NAMES)[number];

const Template = z.object({ subject: z.string(), body: z.array(z.string()).min(1) }).strict();
export type EmailTemplate = z.infer<typeof Template>;

/**
 * Email templates filled when no model is configured, or when the model's draft fails the
 * grounding check (knowledge/emails/templates.json). The QBR follow-up lives with the QBR agenda.
 */
export const EmailTemplates = z
  .object({
    renewal_90_day: Template,
    adoption_nudge: Template,
    save_outreach: Template,
    winback_1: Template,
    winback_2: Template,
    winback_3: Template,
    closed_loop: Template,
    release_note: Template,
    advocacy_ask: Template,
    /** The ask itself, per kind of ask (knowledge/advocacy/rules.json). */
    advocacy_asks: z
      .object(
        Object.fromEntries(ADVOCACY_ASKS.map((a) => [a, z.string().min(1)])) as Record<
          (typeof ADVOCACY_ASKS)[number],
          z.ZodString
        >,
      )
      .strict(),
    concern_lines: z.record(z.string(), z.string()).refine((r) => 'default' in r, 'needs a "default" line'),
    owner_teams: z.record(z.enum(FEEDBACK_OWNERS), z.string()),
  })
  .strict();
export type EmailTemplates = z.infer<typeof EmailTemplates>;

let cached: EmailTemplates | undefined;
export function emailTemplates(): EmailTemplates {
  cached ??= loadKnowledge('emails/templates.json', EmailTemplates);
  return cached;
}
