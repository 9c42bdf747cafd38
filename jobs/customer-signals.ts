import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { type CustomerText, type StoredSignal, unscannedTexts } from '../facts/signals.ts';
import { type Sensitivity, signalSettings } from '../knowledge/customer-signals.ts';
import { detectWithLlm } from '../llm/detect-signals.ts';
import type { LlmGateway } from '../llm/gateway.ts';
import {
  type CustomerMessage,
  forgetTexts,
  purgeMessagesBefore,
  saveMessages,
  saveSignals,
} from '../records/signals.ts';
import type { Db, Queryable } from '../store/db.ts';
import { localSignalInputs, localSignalModel } from '../tools/signals/local-signal-model.ts';
import { messageLink } from '../tools/signals/message-side.ts';
import { type DetectedSignal, detectSignals } from '../tools/signals/signal-classifier.ts';
import { defangCustomerText } from '../tools/text/customer-text.ts';
import { excerpt } from '../tools/text/excerpt.ts';

/** Finds the signals in customer texts; its version marks what it has read. */
export interface SignalDetector {
  version: string;
  detect(texts: readonly string[]): Promise<DetectedSignal[][]>;
}

/** The detector the configuration asks for: the model when CSE_SIGNAL_DETECTOR=llm and one is configured, else the classifier. */
export function configuredDetector(
  config: Pick<Config, 'CSE_SIGNAL_DETECTOR'>,
  llm: LlmGateway | null,
  logger: Logger,
): SignalDetector {
  const local = localDetector();
  return config.CSE_SIGNAL_DETECTOR === 'llm' && llm ? llmDetector(llm, local, logger) : local;
}

/** The shipped classifier at the team's sensitivity (knowledge/signals/signals.json, or the one given). */
export function localDetector(sensitivity: Sensitivity = signalSettings().sensitivity): SignalDetector {
  const model = localSignalModel();
  const inputs = localSignalInputs();
  return {
    version: `${model.version}/${sensitivity}`,
    detect: async (texts) => texts.map((t) => detectSignals(t, model, inputs, sensitivity)),
  };
}

/**
 * The configured model, text by text (the gateway redacts each first); a text the model cannot
 * answer for keeps the classifier's signals, and says so in the log.
 */
export function llmDetector(llm: LlmGateway, fallback: SignalDetector, logger: Logger): SignalDetector {
  return {
    version: `llm:${llm.model}`,
    async detect(texts) {
      const local = await fallback.detect(texts);
      const out: DetectedSignal[][] = [];
      for (const [i, text] of texts.entries()) {
        try {
          out.push(await detectWithLlm(llm, text));
        } catch (error) {
          logger.warn(
            { err: (error as Error).message },
            'signal detection by the model failed; the classifier answers',
          );
          out.push(local[i] ?? []);
        }
      }
      return out;
    },
  };
}

const QUOTE_LENGTH = 240;

/** What the detector found in one text, as rows: the quote is the customer's words, defanged and cut. */
export function signalRows(
  text: CustomerText,
  found: readonly DetectedSignal[],
  detector: string,
): Omit<StoredSignal, 'detected_at'>[] {
  const link = text.source === 'slack' ? slackLink(text.source_id) : text.link;
  return found.map((s) => ({
    source: text.source,
    source_id: text.source_id,
    kind: s.kind,
    account_id: text.account_id,
    confidence: s.confidence,
    quote: excerpt(defangCustomerText(text.text), QUOTE_LENGTH),
    at: text.at,
    side: text.side,
    link,
    detector,
  }));
}

/** `C0123:1712345678.000100` → the message's permalink. */
function slackLink(key: string): string {
  const [channel, ts] = key.split(':');
  return messageLink(channel ?? '', ts ?? '');
}

/** Reads these texts and stores what they carry, in the caller's transaction. */
async function detectAndSave(
  tx: Queryable,
  texts: readonly CustomerText[],
  detector: SignalDetector,
  now: string,
): Promise<ReturnType<typeof signalRows>> {
  const found = await detector.detect(texts.map((t) => t.text));
  const rows = texts.flatMap((t, i) => signalRows(t, found[i] ?? [], detector.version));
  await saveSignals(tx, texts, rows, detector.version, now);
  return rows;
}

const SCAN_BATCH = 500;

/**
 * Every customer text the detector has not read (feedback, tickets, call notes, channel messages;
 * all of them again after the detector or the sensitivity changed), a batch per transaction.
 */
export async function scanSignals(
  db: Db,
  now: string,
  detector: SignalDetector,
  onProgress?: (texts: number, signals: number) => void,
): Promise<{ texts: number; signals: number }> {
  let texts = 0;
  let signals = 0;
  for (;;) {
    const batch = await unscannedTexts(db, detector.version, SCAN_BATCH);
    if (batch.length === 0) break;
    signals += (await db.transaction((tx) => detectAndSave(tx, batch, detector, now))).length;
    texts += batch.length;
    onProgress?.(texts, signals);
  }
  return { texts, signals };
}

/**
 * Stores channel messages and the signals in them in the caller's transaction: how many were new
 * or changed, and the customer's messages that carry a request or a bug (for the feedback loop).
 */
export async function recordMessagesIn(
  tx: Queryable,
  messages: readonly CustomerMessage[],
  now: string,
  detector: SignalDetector,
): Promise<{ stored: number; asks: CustomerMessage[] }> {
  if (messages.length === 0) return { stored: 0, asks: [] };
  const stored = await saveMessages(tx, messages);
  const texts: CustomerText[] = messages
    // What the customer wrote: our team's and bots' messages are stored for response times, not read for signals.
    .filter((m) => m.side === 'customer')
    .map((m) => ({
      source: 'slack',
      source_id: `${m.channel_id}:${m.ts}`,
      account_id: m.account_id,
      at: m.at,
      side: m.side,
      text: m.text,
      link: null,
    }));
  const found = await detectAndSave(tx, texts, detector, now);
  const asked = new Set(
    found.filter((f) => f.side === 'customer' && ASKS.includes(f.kind)).map((f) => f.source_id),
  );
  return { stored, asks: messages.filter((m) => asked.has(`${m.channel_id}:${m.ts}`)) };
}

/** What a channel message carries that the feedback loop takes: a request or a bug. */
const ASKS: readonly string[] = ['request', 'bug'];

/** Where the requests and bugs said in customer channels go: the feedback loop (logged once per message). */
export type ChannelFeedback = (messages: readonly CustomerMessage[]) => Promise<number>;

/** Stores channel messages and the signals in them, in one transaction. */
export function recordMessages(
  db: Db,
  messages: readonly CustomerMessage[],
  now: string,
  detector: SignalDetector,
): Promise<{ stored: number; asks: CustomerMessage[] }> {
  return db.transaction((tx) => recordMessagesIn(tx, messages, now, detector));
}

/**
 * The daily run's signal step: channel messages past the retention period are deleted with the
 * signals found in them, then every text not yet read is read.
 */
export async function dailySignals(
  db: Db,
  now: string,
  retentionDays: number,
  detector: SignalDetector,
): Promise<{ texts: number; signals: number; purged_messages: number }> {
  const before = new Date(Date.parse(now) - retentionDays * 86_400_000).toISOString();
  const purged = await db.transaction(async (tx) => {
    const keys = await purgeMessagesBefore(tx, before);
    await forgetTexts(tx, 'slack', keys);
    return keys.length;
  });
  return { ...(await scanSignals(db, now, detector)), purged_messages: purged };
}
