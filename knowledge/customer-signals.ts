import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

/** The fixed signal vocabulary (DESIGN §15). A text may carry none, one or several. */
export const SIGNAL_KINDS = [
  'churn_intent',
  'competitor',
  'budget',
  'champion_leaving',
  'escalation',
  'request',
  'bug',
  'question',
  'praise',
  'expansion',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Signals that are churn-risk indicators (and alert rules). */
export const RISK_SIGNALS: readonly SignalKind[] = [
  'churn_intent',
  'competitor',
  'budget',
  'champion_leaving',
];

export const SENSITIVITIES = ['conservative', 'balanced', 'aggressive'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

const Segments = z.record(z.string(), z.number().positive());

/** knowledge/signals/signals.json: sensitivity, competitors, cues and the response SLA. */
export const SignalSettings = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    sensitivity: z.enum(SENSITIVITIES),
    lookback_days: z.number().int().positive(),
    competitors: z.array(z.string().min(2)),
    response_sla_hours: Segments.refine((s) => 'default' in s, 'needs a default'),
    cues: z
      .object(
        Object.fromEntries(SIGNAL_KINDS.map((k) => [k, z.array(z.string().min(1))])) as Record<
          SignalKind,
          z.ZodArray<z.ZodString>
        >,
      )
      .strict(),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const [kind, list] of Object.entries(s.cues))
      list.forEach((source, i) => {
        try {
          new RegExp(source);
        } catch (error) {
          ctx.addIssue({ code: 'custom', path: ['cues', kind, i], message: (error as Error).message });
        }
      });
  });
export type SignalSettings = z.infer<typeof SignalSettings>;

const Thresholds = z.record(z.enum(SIGNAL_KINDS), z.number().min(0).max(1));

/** The trained detector (knowledge/signals/classifier.json, written by scripts/train-signal-classifier.ts). */
export const StoredSignalClassifier = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    kinds: z.array(z.enum(SIGNAL_KINDS)).min(1),
    vocabulary: z.array(z.string()),
    dense_dimensions: z.number().int().min(0),
    cue_features: z.array(z.string()),
    /** vocabulary × kinds, dense × kinds, cue features × kinds, kinds. */
    lexical: z.array(z.number()),
    dense: z.array(z.number()),
    cues: z.array(z.number()),
    bias: z.array(z.number()),
    /** Per sensitivity, each kind's probability threshold (calibrated on the corpus's dev split). */
    thresholds: z.object({ conservative: Thresholds, balanced: Thresholds, aggressive: Thresholds }).strict(),
    /** The dev split's precision and recall per kind at each sensitivity, as measured when trained. */
    dev: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type StoredSignalClassifier = z.infer<typeof StoredSignalClassifier>;

let settings: SignalSettings | undefined;
let classifier: StoredSignalClassifier | undefined;

export function signalSettings(): SignalSettings {
  settings ??= loadKnowledge('signals/signals.json', SignalSettings);
  return settings;
}

/** Hours our team has to answer a customer's question in their channel: the segment's, else the default. */
export function responseSlaHours(sla: Readonly<Record<string, number>>, segment: string | null): number {
  return sla[segment ?? ''] ?? sla.default ?? 24;
}

/** Each signal kind in words, as answers and alerts name it. */
export const SIGNAL_WORDS: Record<SignalKind, string> = {
  churn_intent: 'churn intent',
  competitor: 'competitor',
  budget: 'budget',
  champion_leaving: 'champion leaving',
  escalation: 'escalation',
  request: 'request',
  bug: 'bug',
  question: 'question',
  praise: 'praise',
  expansion: 'expansion',
};

export function storedSignalClassifier(): StoredSignalClassifier {
  classifier ??= loadKnowledge('signals/classifier.json', StoredSignalClassifier);
  return classifier;
}
