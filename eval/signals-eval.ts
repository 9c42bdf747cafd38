import { readFileSync } from 'node:fs';
import { type LabelledText, parseLabelledSignals } from '../tools/signals/signal-scores.ts';

export {
  type KindScore,
  type LabelledText,
  type SignalScores,
  scoreSignals,
  signalTable,
} from '../tools/signals/signal-scores.ts';

/** A labelled TSV file (`labels<TAB>source<TAB>text`, or with a leading split column when `split` is given). */
export function loadLabelledSignals(path: string, split?: string): LabelledText[] {
  return parseLabelledSignals(readFileSync(path, 'utf8'), split);
}
