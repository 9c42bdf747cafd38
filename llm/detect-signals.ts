import { z } from 'zod';
import { SIGNAL_KINDS } from '../knowledge/customer-signals.ts';
import { detectSignalsSystemPrompt, detectSignalsUserPrompt } from '../prompts/detect-signals.ts';
import type { DetectedSignal } from '../tools/signals/signal-classifier.ts';
import { LlmBudget } from './budget.ts';
import type { LlmGateway } from './gateway.ts';

/** Structured output constrained to the vocabulary: a kind outside it cannot be returned. */
const SignalAnswer = z.object({
  signals: z.array(z.object({ kind: z.enum(SIGNAL_KINDS), confidence: z.number().min(0).max(1) })),
});

/** The probability a model's answer must reach to count (the model says how sure it is). */
const MIN_CONFIDENCE = 0.5;

/**
 * Signals from the language model (when one is configured): enum-constrained structured output
 * over the text the gateway redacts, marked as data in the prompt. Throws when the model is
 * unavailable; the caller keeps the classifier's signals then.
 */
export async function detectWithLlm(llm: LlmGateway, text: string): Promise<DetectedSignal[]> {
  const answer = await llm.structured({
    system: detectSignalsSystemPrompt(SIGNAL_KINDS),
    user: detectSignalsUserPrompt(text),
    schema: SignalAnswer,
    name: 'customer_signals',
    budget: new LlmBudget(1),
  });
  const best = new Map<string, DetectedSignal>();
  for (const s of answer.signals)
    if (s.confidence >= MIN_CONFIDENCE && (best.get(s.kind)?.confidence ?? -1) < s.confidence)
      best.set(s.kind, { kind: s.kind, confidence: Math.round(s.confidence * 1000) / 1000 });
  return [...best.values()].sort((a, b) => b.confidence - a.confidence);
}
