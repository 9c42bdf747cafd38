import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

export const MILESTONE_EVIDENCE = [
  'kickoff',
  'first_login',
  'integration',
  'activation_25',
  'activation_50',
  'activation_80',
  'goals_defined',
  'review',
] as const;

/** The 90-day onboarding plan per segment (knowledge/plans/onboarding.json). */
export const OnboardingPlaybook = z
  .object({
    segments: z.record(
      z.enum(['enterprise', 'mid-market', 'smb', 'self-serve']),
      z.object({ aha_moment: z.string(), ttfv_days: z.number().int().positive() }).strict(),
    ),
    milestones: z
      .array(
        z
          .object({
            week: z.number().int().min(1).max(13),
            title: z.string(),
            evidence: z.enum(MILESTONE_EVIDENCE),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type OnboardingPlaybook = z.infer<typeof OnboardingPlaybook>;

let cached: OnboardingPlaybook | undefined;
export function onboardingPlaybook(): OnboardingPlaybook {
  cached ??= loadKnowledge('plans/onboarding.json', OnboardingPlaybook);
  return cached;
}
