import type { IntentReading, ParsedIntent } from '../intent.ts';
import type { IntentName } from '../intent-names.ts';

/** A reading the rules make with a trigger and a known account (or a whole phrase) stands. */
const RULES_TRUSTED = 0.85;
/** The rules' confidence for a whole-message phrase or a trigger with a named account: never overruled. */
const WHOLE_PHRASE = 0.95;
/** At most this many readings are offered back. */
const MAX_READINGS = 3;

export interface ModelScore {
  intent: string;
  probability: number;
}

export interface ReadingThresholds {
  /** The model's intent is taken at or above this probability. */
  accept: number;
  /** Below `accept`, every in-scope reading at or above this is offered back. */
  close: number;
  /** The model overrules a sure reading of the rules (not a whole phrase) at or above this. */
  override: number;
}

/**
 * Whether the intent model can change the rules' reading, so needs to run at all: not for a
 * whole phrase or a named account (decided before the thresholds are read), nor for a sure
 * trigger when the model may not overrule one.
 */
export function modelCanChange(rules: ParsedIntent, thresholds: () => ReadingThresholds): boolean {
  if (!rules.reading || rules.confidence >= WHOLE_PHRASE) return false;
  return !(rules.intent !== 'unknown' && rules.confidence >= RULES_TRUSTED && thresholds().override > 1);
}

/**
 * The rules and the intent model together: the rules' sure readings stand (exact phrases, a
 * trigger with a known account); otherwise the model's intent is taken when it is sure, a
 * reading of the rules' own kept when the model is not, and two or three close readings are
 * asked back rather than guessed. The account and the arguments always come from the rules'
 * reading of the words. Pure.
 */
export function combineReadings(
  rules: ParsedIntent,
  ranked: readonly ModelScore[],
  thresholds: ReadingThresholds,
  takesAccount: (intent: string) => boolean,
): ParsedIntent {
  const reading = rules.reading;
  if (!reading) return rules;
  const top = ranked[0];
  const sure = rules.intent !== 'unknown' && rules.confidence >= RULES_TRUSTED;
  const overruled =
    sure &&
    top !== undefined &&
    top.intent !== rules.intent &&
    top.probability >= thresholds.override &&
    rules.confidence < WHOLE_PHRASE;
  if (sure && !overruled) return rules;
  const mentionFor = (intent: string) =>
    takesAccount(intent) ? (reading.mention ?? rules.accountMention ?? null) : null;
  if (top && top.probability >= thresholds.accept) {
    if (top.intent === 'unknown') return { ...rules, intent: 'unknown', accountMention: null, args: {} };
    return {
      ...rules,
      intent: top.intent as IntentName,
      accountMention: mentionFor(top.intent),
      args: reading.args,
      via: 'model',
      confidence: Math.round(top.probability * 100) / 100,
    };
  }
  if (rules.intent !== 'unknown') return rules;
  const readings: IntentReading[] = ranked
    .filter((r) => r.intent !== 'unknown' && r.probability >= thresholds.close)
    .slice(0, MAX_READINGS)
    .map((r) => ({
      intent: r.intent as IntentName,
      accountMention: mentionFor(r.intent),
      args: reading.args,
      probability: Math.round(r.probability * 100) / 100,
    }));
  return readings.length > 0 ? { ...rules, readings } : rules;
}
