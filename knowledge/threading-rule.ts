import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

/**
 * When an account is multi-threaded (knowledge/relationship/threading.json): the one rule the
 * health score, the portfolio review, the QBR prep and the plans all use.
 */
export const ThreadingRule = z
  .object({
    /** A contact is engaged when their last engagement is this many days before the day or fewer. */
    engaged_days: z.number().int().min(1),
    multi_threaded: z
      .object({
        /** A champion with this many engaged contacts (the champion counts) is multi-threaded… */
        min_engaged_contacts: z.number().int().min(2),
        /** …and so is a champion with an exec sponsor in place, when true. */
        exec_sponsor_with_champion: z.boolean(),
      })
      .strict(),
  })
  .strict();
export type ThreadingRule = z.infer<typeof ThreadingRule>;

let cached: ThreadingRule | undefined;

export function threadingRule(): ThreadingRule {
  cached ??= loadKnowledge('relationship/threading.json', ThreadingRule);
  return cached;
}
