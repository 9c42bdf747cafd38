import { z } from 'zod';
import { TICKET_SEVERITIES } from '../core/tickets.ts';
import { loadKnowledge } from './load-knowledge.ts';

export const ADVOCACY_ASKS = ['advisory_board', 'case_study', 'reference_call', 'review'] as const;
export type AdvocacyAsk = (typeof ADVOCACY_ASKS)[number];

const Ask = z
  .object({
    ask: z.enum(ADVOCACY_ASKS),
    label: z.string().min(1),
    /** The account must meet the advisory-board criteria. */
    board: z.boolean(),
    /** The account must be a promoter. */
    promoter: z.boolean(),
    min_health: z.number().min(0).max(100),
    min_months_active: z.number().int().min(0),
  })
  .strict();

/**
 * Who to ask for advocacy and for what (knowledge/advocacy/rules.json): the promoter threshold,
 * the advisory-board criteria, what rules an account out, the asks in order of preference, and
 * which touchpoints count as an earlier ask. Versioned; echoed by `advocates`.
 */
export const AdvocacyRules = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    nps_lookback_days: z.number().int().positive(),
    board: z
      .object({
        min_health: z.number().min(0).max(100),
        min_months_active: z.number().int().min(0),
        strategic_segments: z.array(z.enum(['enterprise', 'mid-market', 'smb', 'self-serve'])),
        candid_feedback_days: z.number().int().positive(),
      })
      .strict(),
    exclude: z
      .object({
        open_ticket_severities: z.array(z.enum(TICKET_SEVERITIES)),
        tiers: z.array(z.string()),
        churn_events: z.array(z.string()),
        churn_event_days: z.number().int().positive(),
      })
      .strict(),
    asks: z.array(Ask).min(1),
    ask_topics: z.array(z.string().min(1)).min(1),
    ask_cooldown_days: z.number().int().min(0),
  })
  .strict();
export type AdvocacyRules = z.infer<typeof AdvocacyRules>;

let cached: AdvocacyRules | undefined;
export function advocacyRules(): AdvocacyRules {
  cached ??= loadKnowledge('advocacy/rules.json', AdvocacyRules);
  return cached;
}
