import { z } from 'zod';
import { TICKET_SEVERITIES } from '../core/tickets.ts';
import { loadKnowledge } from './load-knowledge.ts';

const Words = z.array(z.string().min(1)).min(1);

export const DemoVocabulary = z
  .object({
    featuredAccounts: Words,
    namePrefixes: Words,
    nameSuffixes: Words,
    industries: Words,
    firstNames: Words,
    lastNames: Words,
    titles: z.record(z.enum(['champion', 'exec_sponsor', 'technical_lead', 'admin', 'user']), Words),
    churnReasons: Words,
    ticketSubjects: z.array(z.tuple([z.enum(TICKET_SEVERITIES), z.string()])).min(1),
    goalTemplates: z.array(z.tuple([z.string(), z.string(), z.number(), z.number()])).min(1),
    /** theme → clusters; each cluster is [cluster id, ...paraphrases of one request]. */
    feedback: z.record(z.string(), z.array(z.array(z.string()).min(2))),
    eventDetails: z.record(z.string(), z.string()),
    /** feature-request cluster id → the roadmap item that answers it. */
    roadmapTitles: z.record(z.string(), z.string()),
    /** The demo's shipped roadmap item: its key, title, and one ask in each requesting account's words. */
    shippedRequest: z
      .object({ key: z.string().min(1), title: z.string().min(1), asks: z.array(z.string().min(1)).min(1) })
      .strict(),
  })
  .strict();

/** The lines of the demo's shared channels and call notes (knowledge/demo/conversations.json). */
export const DemoConversations = z
  .object({
    about: z.string(),
    questions: Words,
    answers: Words,
    requests: Words,
    bugs: Words,
    praise: Words,
    chatter: Words,
    churn_intent: Words,
    champion_leaving: Words,
    call_notes: Words,
    churn_notes: Words,
    competitors: Words,
  })
  .strict()
  .refine((c) => c.questions.length === c.answers.length, {
    message: 'each question has its answer at the same position',
  });
export type DemoConversations = z.infer<typeof DemoConversations>;

export type DemoVocabulary = z.infer<typeof DemoVocabulary> & { conversations: DemoConversations };

/** Names, titles and texts the demo portfolio is made from (knowledge/demo/*.json). */
export function loadDemoVocabulary(): DemoVocabulary {
  return {
    ...loadKnowledge('demo/demo-vocabulary.json', DemoVocabulary),
    conversations: loadKnowledge('demo/conversations.json', DemoConversations),
  };
}
