import { readFileSync } from 'node:fs';
import { run } from '../../commands/router.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { localDetector, scanSignals } from '../../jobs/customer-signals.ts';
import {
  SENSITIVITIES,
  type Sensitivity,
  signalSettings,
  storedSignalClassifier,
} from '../../knowledge/customer-signals.ts';
import { localSignalInputs, localSignalModel } from '../../tools/signals/local-signal-model.ts';
import { detectSignals } from '../../tools/signals/signal-classifier.ts';
import { parseLabelledSignals, scoreSignals, signalTable } from '../../tools/signals/signal-scores.ts';
import { note, print, printJson } from '../output.ts';
import { auditedWrite, commandContext, type GlobalOptions, withRuntime } from '../runtime.ts';
import { printAnswer } from './answer.ts';

/** `cse signals`: one account's signals, or the book's risk signals, through the router. */
export async function listSignals(
  globals: GlobalOptions,
  options: { account?: string; kind?: string; days?: number; as?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const ctx = await commandContext(rt, options.as, 'cli');
    const days = options.days ? { days: options.days } : {};
    const answer = options.account
      ? await run(ctx, 'signals', {
          account: options.account,
          ...days,
          ...(options.kind ? { kind: options.kind } : {}),
        })
      : await run(ctx, 'book_signals', {
          scope: 'mine',
          ...days,
          ...(options.kind ? { kinds: [options.kind] } : {}),
        });
    await printAnswer(answer, options.json);
  });
}

/** The lines of a file (or standard input for -), without blank ones, naming the file when it cannot be read. */
function readLines(file: string): string[] {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
  } catch (error) {
    throw new CseError(ErrorCode.BadInput, `Cannot read ${file}: ${(error as Error).message}`, {
      hint: 'give a text file with one customer message per line',
    });
  }
}

/** `cse signals detect --file F`: the shipped classifier on each line; nothing is read from or written to the store. */
export async function detectInFile(options: {
  file: string;
  sensitivity?: string;
  json?: boolean;
}): Promise<void> {
  const sensitivity = (options.sensitivity ?? signalSettings().sensitivity) as Sensitivity;
  const [model, inputs] = [localSignalModel(), localSignalInputs()];
  for (const text of readLines(options.file)) {
    const signals = detectSignals(text, model, inputs, sensitivity).map((s) => ({
      kind: s.kind,
      confidence: Math.round(s.confidence * 1000) / 1000,
      evidence: text.length > 240 ? `${text.slice(0, 239)}…` : text,
    }));
    if (options.json) print(JSON.stringify({ text, signals }));
    else
      print(
        `${signals.length ? signals.map((s) => `${s.kind} ${s.confidence.toFixed(2)}`).join(', ') : '—'}\t${text}`,
      );
  }
}

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '  n/a' : v.toFixed(2).padStart(5);

/** `cse signals calibrate`: precision and recall per kind at each sensitivity. */
export async function calibrate(options: { file?: string; json?: boolean }): Promise<void> {
  const model = localSignalModel();
  if (options.file) {
    const labelled = parseLabelledSignals(readLines(options.file).join('\n'));
    const inputs = localSignalInputs();
    const out = SENSITIVITIES.map((s) => ({
      sensitivity: s,
      ...scoreSignals(labelled, (t) => detectSignals(t, model, inputs, s).map((x) => x.kind)),
    }));
    if (options.json) printJson(out);
    else
      for (const o of out)
        print(`\n${o.sensitivity} (${options.file}, ${o.texts} texts):\n${signalTable(o)}`);
    return;
  }
  const dev = (storedSignalClassifier().dev ?? {}) as Record<
    string,
    { kind: string; precision: number | null; recall: number | null }[]
  >;
  if (options.json) {
    printJson({ detector: model.version, measured_on: 'the training corpus dev split', sensitivities: dev });
    return;
  }
  print(
    `Detector ${model.version}, as measured when trained (the corpus's dev split; cse signals calibrate --file F measures on yours):`,
  );
  for (const s of SENSITIVITIES) {
    print(
      `\n${s}${s === signalSettings().sensitivity ? ' (the team setting)' : ''}:\nsignal             precision recall`,
    );
    for (const k of dev[s] ?? [])
      print(`${k.kind.padEnd(18)} ${pct(k.precision).padStart(9)} ${pct(k.recall).padStart(6)}`);
  }
  note(
    '\nThe setting is sensitivity in knowledge/signals/signals.json; docs/customer-signals.md explains the trade.',
  );
}

/** `cse signals scan`: reads every text not yet read, with progress. */
export async function scan(globals: GlobalOptions, options: { json?: boolean }): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const detector = localDetector();
    const result = await auditedWrite(
      rt,
      { intent: 'scan_signals', text: 'cse signals scan', args: {} },
      () =>
        scanSignals(rt.db, rt.clock.now().toISOString(), detector, (texts, signals) => {
          if (!options.json)
            note(
              `  read ${texts.toLocaleString('en-US')} texts, ${signals.toLocaleString('en-US')} signals…`,
            );
        }),
    );
    if (options.json) printJson({ detector: detector.version, ...result });
    else
      print(
        `Read ${result.texts.toLocaleString('en-US')} customer texts with ${detector.version}: ${result.signals.toLocaleString('en-US')} signals stored. Ask "churn signals this week" or run cse signals --account <name>.`,
      );
  });
}
