/**
 * The signal detector on the fresh labelled sets (eval/signals/fresh-*.tsv), with no LLM: precision,
 * recall and F1 per signal at each sensitivity, and how often a text with no signal is given churn
 * intent. `npm run eval:signals [-- --file eval/signals/fresh-2026-12.tsv]`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../core/package-root.ts';
import { SENSITIVITIES } from '../knowledge/customer-signals.ts';
import { localSignalInputs, localSignalModel } from '../tools/signals/local-signal-model.ts';
import { detectSignals } from '../tools/signals/signal-classifier.ts';
import { loadLabelledSignals, scoreSignals, signalTable } from './signals-eval.ts';

const i = process.argv.indexOf('--file');
const dir = packagePath('eval', 'signals');
const files =
  i >= 0
    ? [process.argv[i + 1] as string]
    : readdirSync(dir)
        .filter((f) => f.startsWith('fresh-') && f.endsWith('.tsv'))
        .map((f) => join(dir, f));
const model = localSignalModel();
const inputs = localSignalInputs();
for (const file of files) {
  const items = loadLabelledSignals(file);
  console.log(`\n${file.split('/').at(-1)}: ${items.length} texts, detector ${model.version}, no LLM`);
  for (const sensitivity of SENSITIVITIES) {
    const scores = scoreSignals(items, (text) =>
      detectSignals(text, model, inputs, sensitivity).map((s) => s.kind),
    );
    console.log(`\n${sensitivity}:\n${signalTable(scores)}`);
  }
}
