import { SIGNAL_KINDS, type SignalKind } from '../../knowledge/customer-signals.ts';

/** One labelled text: its signals (empty for none), where it came from, and the text. */
export interface LabelledText {
  labels: SignalKind[];
  source: string;
  text: string;
}

/** A labelled TSV's content (`labels<TAB>source<TAB>text`, or with a leading split column when `split` is given). */
export function parseLabelledSignals(content: string, split?: string): LabelledText[] {
  return content
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('split\t'))
    .map((l) => l.split('\t'))
    .filter((cols) => split === undefined || cols[0] === split)
    .map((cols) => (split === undefined ? cols : cols.slice(1)))
    .map(([labels, source, text]) => ({
      labels: labels === '-' ? [] : ((labels ?? '').split(',') as SignalKind[]),
      source: source ?? '',
      text: text ?? '',
    }));
}

export interface KindScore {
  kind: SignalKind;
  support: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface SignalScores {
  kinds: KindScore[];
  /** Of the texts labelled with no signal, the share given no churn_intent. */
  noneWithoutChurn: number | null;
  texts: number;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/** Precision, recall and F1 per kind of what `detect` finds in each text against its labels. */
export function scoreSignals(
  items: readonly LabelledText[],
  detect: (text: string) => readonly SignalKind[],
): SignalScores {
  const found = items.map((i) => new Set(detect(i.text)));
  const kinds = SIGNAL_KINDS.map((kind) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    items.forEach((item, i) => {
      const truth = item.labels.includes(kind);
      const hit = found[i]?.has(kind) ?? false;
      if (truth && hit) tp++;
      else if (hit) fp++;
      else if (truth) fn++;
    });
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    const f1 =
      precision !== null && recall !== null && precision + recall > 0
        ? (2 * precision * recall) / (precision + recall)
        : null;
    return { kind, support: tp + fn, precision, recall, f1 };
  });
  const none = items.map((item, i) => ({ item, found: found[i] })).filter((x) => x.item.labels.length === 0);
  return {
    kinds,
    noneWithoutChurn: ratio(none.filter((x) => !x.found?.has('churn_intent')).length, none.length),
    texts: items.length,
  };
}

const f = (v: number | null) => (v === null ? '  n/a' : v.toFixed(2).padStart(5));

/** The scores as a table. */
export function signalTable(scores: SignalScores): string {
  return [
    `${'signal'.padEnd(18)} support precision recall    F1`,
    ...scores.kinds.map(
      (k) =>
        `${k.kind.padEnd(18)} ${String(k.support).padStart(7)} ${f(k.precision).padStart(9)} ${f(k.recall).padStart(6)} ${f(k.f1)}`,
    ),
    `texts without a signal given no churn_intent: ${scores.noneWithoutChurn === null ? 'n/a' : `${(scores.noneWithoutChurn * 100).toFixed(1)} %`} (of ${scores.texts} texts)`,
  ].join('\n');
}
