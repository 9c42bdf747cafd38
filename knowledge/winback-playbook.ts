import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

/** Win-back timing buckets, email timing and reason variants (knowledge/plans/winback.json). */
export const WinbackPlaybook = z
  .object({
    buckets: z
      .array(
        z
          .object({
            id: z.string(),
            min_days: z.number().int().min(0),
            max_days: z.number().int(),
            approach: z.string(),
            expected_success_rate: z.number().min(0).max(1),
          })
          .strict(),
      )
      .min(1),
    email_days: z.array(z.number().int().min(0)).length(3),
    reasons: z
      .record(
        z.string(),
        z.object({ what_changed: z.string(), emails: z.array(z.string()).length(3) }).strict(),
      )
      .refine((r) => 'unspecified' in r, 'needs an "unspecified" reason'),
  })
  .strict();
export type WinbackPlaybook = z.infer<typeof WinbackPlaybook>;

let cached: WinbackPlaybook | undefined;
export function winbackPlaybook(): WinbackPlaybook {
  cached ??= loadKnowledge('plans/winback.json', WinbackPlaybook);
  return cached;
}
