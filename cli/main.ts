import { createReadStream, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runDailyBench } from '../bench/daily-bench';
import { runFeedbackBench } from '../bench/feedback-bench';
import { runReportBench } from '../bench/report-bench';
import { runSlackBench } from '../bench/slack-bench';
import { runStoreBench } from '../bench/store-bench';
import { slackFeedbackNotifier } from '../bot/feedback-notifier';
import { runHttpApi, runSlack, startServerScheduler, untilStopped } from '../bot/serve';
import type { AuditLogData } from '../commands/audit-log';
import { parseOptionTokens } from '../commands/command-args';
import type { ParsedIntent } from '../commands/intent';
import { AccountLexicon } from '../commands/parse/account-lexicon';
import { COMMANDS, findCommand } from '../commands/registry';
import { AccountDirectory, type ResolvedAccount } from '../commands/resolve-account';
import { type Answer, ask, run, understand } from '../commands/router';
import {
  backfillDays,
  backfillOn,
  backfillSnapshots,
  demoHistoryDays,
  MAX_BACKFILL_DAYS,
  scoreAll,
} from '../commands/score-all';
import { clockFrom, todayOn } from '../core/clock';
import { slackMode } from '../core/config';
import { CseError, ErrorCode, exitCodeFor, formatError, isUserError } from '../core/errors';
import { VERSION } from '../core/version';
import { runDay } from '../jobs/daily-run';
import { feedbackRuntime, processWaitingFeedback } from '../jobs/feedback-runtime';
import { rearmSlaChecks, requeueUnfinished, runFeedbackWorker, startRedrive } from '../jobs/feedback-worker';
import { reembedStaleFeedback } from '../jobs/reembed-feedback';
import { loadDemo } from '../store/demo/load-demo';
import { importFile } from '../store/import/import-file';
import { IMPORT_KIND_NAMES } from '../store/import/kinds';
import { accountNames, countAccounts } from '../store/repositories/accounts';
import { requestCounts, retryDeadFeedback } from '../store/repositories/feedback-loop';
import { allFeedbackRows } from '../store/repositories/feedback-reports';
import { registerAlertCommands } from './alert-commands';
import { registerBacktestCommands } from './backtest-commands';
import { runChat } from './chat';
import { isoDate } from './option-parsers';
import { renderAnswer } from './render/answer';
import {
  auditedWrite,
  commandContext,
  configFrom,
  type GlobalOptions,
  type Runtime,
  withRuntime,
} from './runtime';

const DEFAULT_DEMO_ACCOUNTS = 200;
const DEFAULT_DEMO_SEED = 42;

const print = (text: string) => process.stdout.write(`${text}\n`);
const note = (text: string) => process.stderr.write(`${text}\n`);
const printJson = (value: unknown) => print(JSON.stringify(value, null, 2));
const printAnswer = (answer: Answer, json: boolean | undefined) =>
  json ? printJson(answer) : print(renderAnswer(answer));

function positiveInt(name: string, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max)
      throw new InvalidArgumentError(`${name} must be a whole number from 1 to ${max}`);
    return n;
  };
}

/** The account a parsed message names, resolved against the store; null when none or unclear. */
/** The account a parsed message names, when it resolves; null when it does not. */
function parsedAccount(directory: AccountDirectory, parsed: ParsedIntent): ResolvedAccount | null {
  if (!parsed.accountMention) return null;
  try {
    return directory.resolve(parsed.accountMention);
  } catch (error) {
    if (isUserError(error)) return null;
    throw error;
  }
}

/** The JSON object `cse parse --json` prints (DESIGN §4). */
function parseShape(parsed: ParsedIntent, account: ResolvedAccount | null) {
  return {
    text: parsed.text,
    intent: parsed.intent,
    account,
    args: parsed.args,
    via: parsed.via,
    confidence: parsed.confidence,
  };
}

/** Weeks of point-in-time health snapshots a demo load computes, so trends and movers show at once. */
const DEMO_SNAPSHOT_WEEKS = 26;
/** Month-end snapshots before the weekly ones, so a backtest has a year of monthly cutoffs at once. */
const DEMO_SNAPSHOT_MONTHS = 6;

/** The demo's health history: weekly snapshots computed from its dated data, ending on its as-of day. */
async function demoHistory(rt: Runtime, asOf: string, quiet = false): Promise<void> {
  const summary = await backfillOn(
    rt.db,
    demoHistoryDays(asOf, DEMO_SNAPSHOT_WEEKS, DEMO_SNAPSHOT_MONTHS),
    (_day, done, total) => {
      if (!quiet && done % 5 === 0) note(`  health history: ${done} of ${total} days scored…`);
    },
  );
  if (!quiet)
    note(
      `Health history: ${summary.snapshots.toLocaleString('en-US')} snapshots, weekly over ${DEMO_SNAPSHOT_WEEKS} weeks and at the ${DEMO_SNAPSHOT_MONTHS} month-ends before, computed from the demo's dated data (trends, movers and a backtest show at once).`,
    );
  // Today's scheduled jobs, so the alerts are there from the first question (and tomorrow's run reports only changes).
  const today = await runDay(
    { db: rt.db, config: rt.config, logger: rt.logger, clock: rt.clock, notifier: null },
    asOf,
    {
      force: true,
    },
  );
  if (!quiet)
    note(
      `Today's alerts: ${today.alerts?.raised ?? 0} raised on ${today.snapshot?.accounts ?? 0} customers — ask "my alerts" or run cse alerts.`,
    );
}

/** Loads the demo portfolio into an empty embedded store (and says so); a real database is never seeded. */
async function seedDemoIfEmpty(rt: Runtime): Promise<void> {
  if ((await countAccounts(rt.db)) > 0) return;
  if (rt.db.driver === 'pglite') {
    const summary = await loadDemo(rt.db, {
      accounts: DEFAULT_DEMO_ACCOUNTS,
      seed: DEFAULT_DEMO_SEED,
      asOf: todayOn(rt.clock),
    });
    await processFeedbackWithProgress(rt);
    await demoHistory(rt, summary.as_of);
    note(
      `The embedded store at ${rt.db.location} was empty, so I loaded a demo portfolio: ${summary.accounts} accounts (seed ${summary.seed}). Replace it with your data via cse import, or cse demo --replace.`,
    );
  } else {
    note(
      `The database at ${rt.db.location} has no accounts yet: load yours with cse import accounts <file>, or try cse demo.`,
    );
  }
}

/** `cse serve` with Slack: the HTTP receiver next to the API. */
const runSlackHttp = (rt: Runtime, port: number, say: (text: string) => void) =>
  runSlack(rt, 'http', port, say);

/** Runs the feedback loop over the items waiting (after an import or a demo load), with progress. */
async function processFeedbackWithProgress(rt: Runtime, quiet = false): Promise<void> {
  const started = performance.now();
  const say = quiet ? () => undefined : note;
  const result = await processWaitingFeedback(rt, null, (done, total) =>
    say(`  feedback: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} processed…`),
  );
  if (result.processed + result.dead === 0) return;
  const row = await requestCounts(rt.db);
  say(
    `Feedback processed: ${result.processed.toLocaleString('en-US')} items in ${((performance.now() - started) / 1000).toFixed(1)} s — deduplicated (${row?.merged ?? 0} merged into ${row?.requests ?? 0} requests in all), tagged, routed with SLAs${result.dead ? `; ${result.dead} failed every attempt (cse feedback export shows them)` : ''}.`,
  );
}

export function buildProgram(): Command {
  const program = new Command('cse')
    .description(
      'cs-engine: answers for Customer Success teams from your own data — in Slack or the terminal',
    )
    .version(VERSION)
    .option('--data-dir <dir>', 'folder of the embedded store (overrides CSE_DATA_DIR; default ./.cse)')
    .showHelpAfterError('(run cse --help for usage)')
    .addHelpText(
      'after',
      `\nExamples:\n  cse start                                 local chat on demo data (or Slack when tokens are set)\n  cse ask "portfolio review"\n  cse ask "how is Globex doing?"\n  cse run portfolio_review --as-of 2026-06 --json\n  cse import accounts accounts.csv\n  cse demo --accounts 500 --seed 7 --replace\n\nAnswers (ask in words, or cse run <intent>): ${COMMANDS.map((c) => c.intent).join(', ')}\n\nExit codes: 0 ok, 2 bad input (reason on stderr), 1 internal failure.`,
    );
  const globals = () => program.opts<GlobalOptions>();
  registerAlertCommands(program, globals);
  registerBacktestCommands(program, globals);

  program
    .command('start')
    .description(
      'run the bot: Slack when tokens are set, otherwise local chat; loads demo data into an empty embedded store',
    )
    .option('--as <user>', 'ask as this team member (user id, email or Slack id)')
    .action(async (options: { as?: string }) => {
      const mode = slackMode(configFrom(globals()));
      await withRuntime(
        globals(),
        async (rt) => {
          await seedDemoIfEmpty(rt);
          if (mode) {
            await runSlack(rt, mode, rt.config.PORT, note);
            return;
          }
          note(
            'No Slack tokens set, so this is the local chat. To answer in Slack, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) — docs/slack-setup.md walks through it.',
          );
          await runChat(await commandContext(rt, options.as, 'chat'));
        },
        mode ? 'info' : 'warn',
      );
    });

  program
    .command('serve')
    .description(
      'HTTP server: POST /v1/feedback (CSE_API_TOKEN), /healthz, and the Slack receiver at /slack/events when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set; runs the daily scheduler (cse schedule)',
    )
    .addOption(
      new Option('--port <n>', 'port to listen on (default: PORT or 3000)').argParser(
        positiveInt('--port', 65_535),
      ),
    )
    .action(async (options: { port?: number }) => {
      const config = configFrom(globals());
      if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET) {
        throw new CseError(
          ErrorCode.ConfigInvalid,
          'cse serve needs SLACK_SIGNING_SECRET to verify Slack requests',
          {
            hint: 'Copy the signing secret from Basic Information → App Credentials in your Slack app (docs/slack-setup.md); for Socket Mode use cse start with SLACK_APP_TOKEN instead',
          },
        );
      }
      const serve = config.SLACK_BOT_TOKEN ? runSlackHttp : runHttpApi;
      await withRuntime(globals(), (rt) => serve(rt, options.port ?? rt.config.PORT, note), 'info');
    });

  program
    .command('chat')
    .description('local chat in the terminal (same answers as Slack)')
    .option('--as <user>', 'ask as this team member (user id, email or Slack id)')
    .action(async (options: { as?: string }) => {
      await withRuntime(globals(), async (rt) => runChat(await commandContext(rt, options.as, 'chat')));
    });

  program
    .command('ask')
    .description('ask one question in plain words and print the answer')
    .argument('<text>', 'the question, e.g. "portfolio review"')
    .option('--as <user>', 'ask as this team member (user id, email or Slack id)')
    .option('--json', 'print the answer object {intent, args, account, data, provenance}')
    .action(async (text: string, options: { as?: string; json?: boolean }) => {
      await withRuntime(globals(), async (rt) => {
        printAnswer(await ask(await commandContext(rt, options.as, 'cli'), text), options.json);
      });
    });

  program
    .command('run')
    .description('run a command by intent name, no parsing: cse run <intent> [--option value …]')
    .argument('<intent>', 'intent name, e.g. portfolio_review (cse run help lists them)')
    .argument('[options...]', "the command's own options, e.g. --as-of 2026-06 --segment enterprise")
    .option('--account <name>', 'the account, for account commands (id, name, domain; typos tolerated)')
    .option('--as <user>', 'run as this team member (user id, email or Slack id)')
    .option('--json', 'print the answer object {intent, args, account, data, provenance}')
    .allowUnknownOption()
    .action(
      async (
        intent: string,
        tokens: string[],
        options: { account?: string; as?: string; json?: boolean },
      ) => {
        const command = findCommand(intent);
        if (!command) {
          throw new CseError(ErrorCode.UnknownIntent, `No command '${intent}'`, {
            hint: 'cse run help lists the commands',
          });
        }
        const rawArgs = {
          ...parseOptionTokens(tokens, command.args),
          ...(options.account ? { account: options.account } : {}),
        };
        await withRuntime(globals(), async (rt) => {
          printAnswer(await run(await commandContext(rt, options.as, 'cli'), intent, rawArgs), options.json);
        });
      },
    );

  program
    .command('parse')
    .description('show how a message is understood (intent, arguments, confidence)')
    .argument('[text]', 'the message')
    .option('--file <lines.txt>', 'parse every line of a file; prints one JSON object per line (JSON Lines)')
    .option('--json', 'print JSON')
    .action(async (text: string | undefined, options: { file?: string; json?: boolean }) => {
      if (options.file) {
        if (!existsSync(options.file))
          throw new CseError(ErrorCode.FileNotFound, `File not found: ${options.file}`, {
            hint: 'Give a text file with one message per line',
          });
        const file = options.file;
        await withRuntime(globals(), async (rt) => {
          const ctx = await commandContext(rt, undefined, 'cli');
          const accounts = await accountNames(rt.db);
          const lexicon = new AccountLexicon(accounts);
          const directory = new AccountDirectory(accounts);
          const lines = createInterface({
            input: createReadStream(file),
            crlfDelay: Number.POSITIVE_INFINITY,
          });
          const started = performance.now();
          let count = 0;
          for await (const line of lines) {
            if (line.trim() === '') continue;
            const parsed = await understand(ctx, line, lexicon);
            print(JSON.stringify(parseShape(parsed, parsedAccount(directory, parsed))));
            count += 1;
          }
          const seconds = (performance.now() - started) / 1000;
          note(
            `Parsed ${count.toLocaleString('en-US')} lines in ${seconds.toFixed(2)} s (${Math.round(count / Math.max(seconds, 1e-6)).toLocaleString('en-US')} lines/s)`,
          );
        });
        return;
      }
      if (text === undefined)
        throw new CseError(ErrorCode.BadInput, 'Nothing to parse', {
          hint: 'Give the message in quotes, or --file <lines.txt>',
        });
      const { message, parsed } = await withRuntime(globals(), async (rt) => {
        const accounts = await accountNames(rt.db);
        const message = await understand(
          await commandContext(rt, undefined, 'cli'),
          text,
          new AccountLexicon(accounts),
        );
        return {
          message,
          parsed: parseShape(message, parsedAccount(new AccountDirectory(accounts), message)),
        };
      });
      if (options.json) printJson(parsed);
      else
        print(
          `${parsed.intent} (confidence ${parsed.confidence}, via ${parsed.via})${parsed.account ? ` account ${parsed.account.name} (${parsed.account.id})` : message.accountMention ? ` account "${message.accountMention}" (not found)` : ''}${Object.keys(parsed.args).length > 0 ? ` args ${JSON.stringify(parsed.args)}` : ''}`,
        );
    });

  program
    .command('import')
    .description(
      `load a CSV (with header) or JSON Lines file; all-or-nothing, idempotent. Kinds: ${IMPORT_KIND_NAMES.join(', ')}`,
    )
    .argument('<kind>', `one of: ${IMPORT_KIND_NAMES.join(', ')}`)
    .argument('<file>', 'a .csv or .jsonl file')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nColumns for every kind: docs/data-model.md. Errors name the file, line and column; nothing is written.',
    )
    .action(async (kind: string, file: string, options: { json?: boolean }) => {
      await withRuntime(globals(), async (rt) => {
        const summary = await auditedWrite(
          rt,
          { intent: 'import', text: `cse import ${kind} ${file}`, args: { kind, file } },
          () =>
            importFile(rt.db, kind, file, {
              onProgress: (p) =>
                note(
                  p.phase === 'validating'
                    ? `  validated ${p.rows.toLocaleString('en-US')} rows…`
                    : `  writing ${p.rows.toLocaleString('en-US')} rows…`,
                ),
            }),
        );
        if (summary.kind === 'feedback') await processFeedbackWithProgress(rt, options.json);
        if (options.json) printJson(summary);
        else
          print(
            `Imported ${summary.file} (${summary.kind}, ${summary.rows.toLocaleString('en-US')} rows): ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged in ${(summary.duration_ms / 1000).toFixed(1)} s`,
          );
      });
    });

  program
    .command('demo')
    .description('generate a realistic demo portfolio (deterministic for a seed and as-of date)')
    .addOption(
      new Option('--accounts <n>', 'number of accounts')
        .argParser(positiveInt('--accounts', 100_000))
        .default(DEFAULT_DEMO_ACCOUNTS),
    )
    .addOption(
      new Option('--seed <s>', 'random seed')
        .argParser(positiveInt('--seed', 2 ** 31))
        .default(DEFAULT_DEMO_SEED),
    )
    .addOption(
      new Option('--as-of <date>', "the demo's today, YYYY-MM-DD (default: today)").argParser(isoDate),
    )
    .option('--replace', 'clear the accounts already stored first')
    .option('--json', 'print the summary as JSON')
    .action(
      async (options: {
        accounts: number;
        seed: number;
        asOf?: string;
        replace?: boolean;
        json?: boolean;
      }) => {
        await withRuntime(globals(), async (rt) => {
          const asOf = options.asOf ?? todayOn(rt.clock);
          const summary = await auditedWrite(
            rt,
            {
              intent: 'load_demo',
              text: 'cse demo',
              args: {
                accounts: options.accounts,
                seed: options.seed,
                as_of: asOf,
                replace: options.replace ?? false,
              },
            },
            () =>
              loadDemo(rt.db, {
                accounts: options.accounts,
                seed: options.seed,
                asOf,
                replace: options.replace ?? false,
                onProgress: options.json ? undefined : note,
              }),
          );
          await processFeedbackWithProgress(rt, options.json);
          await demoHistory(rt, asOf, options.json);
          if (options.json) printJson(summary);
          else {
            const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
            print(
              `Demo portfolio ready in ${rt.db.location}: ${summary.accounts} accounts, ${total.toLocaleString('en-US')} rows (generated in ${(summary.generate_ms / 1000).toFixed(1)} s, loaded in ${(summary.load_ms / 1000).toFixed(1)} s). Try: cse ask "portfolio review"`,
            );
          }
        });
      },
    );

  program
    .command('worker')
    .description(
      'run the feedback loop workers and the daily scheduler (snapshots, alerts, DMs, digests): re-queue unfinished items from the database, then process jobs (BullMQ with REDIS_URL, else in this process) until stopped',
    )
    .addOption(
      new Option('--concurrency <n>', 'jobs at once').argParser(positiveInt('--concurrency', 64)).default(4),
    )
    .option('--until-idle', 'exit once no job is waiting or running (batch runs, cron)')
    .action(async (options: { concurrency: number; untilIdle?: boolean }) => {
      await withRuntime(
        globals(),
        async (rt) => {
          let processed = 0;
          const notifier = slackFeedbackNotifier(rt);
          const { queue, options: worker } = feedbackRuntime(rt, {
            concurrency: options.concurrency,
            notifier,
            onProcessed: (_id, outcome) => {
              if (outcome.status !== 'processed') return;
              processed++;
              if (processed % 100 === 0) note(`processed ${processed}`);
            },
          });
          const reembedded = await reembedStaleFeedback(rt.db, worker.embedder, (done, total) =>
            note(`re-embedding items made with another model: ${done} of ${total}`),
          );
          if (reembedded > 0) note(`${reembedded} item(s) re-embedded with ${worker.embedder.model}`);
          runFeedbackWorker(worker);
          const requeued = await requeueUnfinished(worker);
          await rearmSlaChecks(worker);
          const stopRedrive = startRedrive(worker);
          const scheduler = options.untilIdle ? null : await startServerScheduler(rt, note);
          note(
            `Worker started (${queue.driver} queue, concurrency ${options.concurrency}${notifier ? ', Slack notifications on' : ''}): ${requeued} unfinished item(s) re-queued. Ctrl-C stops.`,
          );
          if (queue.driver === 'in-process' || options.untilIdle) {
            await queue.idle();
            note(`processed ${processed}; idle`);
          }
          if (options.untilIdle) {
            stopRedrive();
            await queue.close();
            return;
          }
          const signal = await untilStopped();
          note(`${signal}: stopping after the jobs in hand (processed ${processed})`);
          stopRedrive();
          await scheduler?.close();
          await queue.close();
        },
        'info',
      );
    });

  const feedback = program
    .command('feedback')
    .description('the feedback loop: export, unmerge, reembed, process');
  feedback
    .command('export')
    .description(
      'one JSON object per line for every item: feedback_id, account_id, canonical_id, similarity, merged_on, theme, themes, owner, status, sla_due_at (dead items carry last_error)',
    )
    .option('--json', 'JSON Lines (the default and only format)')
    .action(async () => {
      await withRuntime(globals(), async (rt) => {
        for (const r of await allFeedbackRows(rt.db))
          process.stdout.write(
            `${JSON.stringify({
              feedback_id: r.feedback_id,
              account_id: r.account_id,
              canonical_id: r.canonical_id,
              similarity: r.similarity === null ? null : Number(r.similarity),
              merged_on: r.merged_on,
              theme: r.theme,
              themes: r.themes,
              owner: r.reassigned_to ?? r.owner,
              status: r.status,
              sla_due_at: r.sla_due_at ? new Date(r.sla_due_at).toISOString() : null,
              sentiment: r.sentiment,
              nps_category: r.nps_category,
              ...(r.last_error ? { last_error: r.last_error } : {}),
            })}\n`,
          );
      });
    });
  feedback
    .command('unmerge')
    .description(
      'separate a feedback item from the request it was merged into (it is never merged into it again)',
    )
    .argument('<feedback_id>', 'the duplicate item')
    .option('--as <user>', 'act as this team member (user id, email or Slack id)')
    .action(async (id: string, options: { as?: string }) => {
      await withRuntime(globals(), async (rt) => {
        const answer = await run(await commandContext(rt, options.as, 'cli'), 'unmerge_feedback', {
          feedback_id: id,
        });
        const result = answer.data as { from: string | null };
        if (!result.from)
          throw new CseError(ErrorCode.BadInput, `Feedback ${id} is not merged into another item`, {
            hint: 'cse feedback export lists items with their canonical_id',
          });
        print(`${id} is its own request again (was merged into ${result.from}).`);
      });
    });
  feedback
    .command('reembed')
    .description(
      're-embed items whose vectors came from another embedding model (after changing OPENAI_EMBEDDING_MODEL or the synonym table); cse worker does this when it starts',
    )
    .action(async () => {
      await withRuntime(globals(), async (rt) => {
        const { options: worker } = feedbackRuntime(rt);
        const n = await reembedStaleFeedback(rt.db, worker.embedder, (done, total) =>
          note(`  ${done} of ${total}…`),
        );
        print(
          n === 0
            ? `Every item is embedded with ${worker.embedder.model} already.`
            : `Re-embedded ${n} item(s) with ${worker.embedder.model}.`,
        );
      });
    });
  feedback
    .command('process')
    .description(
      'process every item that waits (after a crash, or to re-drive dead letters use --retry-dead)',
    )
    .option('--retry-dead', 'give dead items another try')
    .action(async (options: { retryDead?: boolean }) => {
      await withRuntime(globals(), async (rt) => {
        if (options.retryDead)
          await auditedWrite(
            rt,
            { intent: 'retry_dead_feedback', text: 'cse feedback process --retry-dead', args: {} },
            () => retryDeadFeedback(rt.db),
          );
        await processFeedbackWithProgress(rt);
      });
    });

  const audit = program
    .command('audit')
    .description('the audit log (admins): every question, answer outcome, refusal and change, newest first')
    .option('--actor <id>', 'only this actor (a user id, local:<user> or api)')
    .option('--since <date>', 'entries at or after this date or ISO date-time')
    .addOption(
      new Option('--limit <n>', 'at most this many entries (default 100)').argParser(
        positiveInt('--limit', 10_000),
      ),
    )
    .option('--as <user>', 'read as this team member (only admins may)')
    .option('--json', 'one JSON object per entry (JSON Lines)')
    .action(
      async (options: { actor?: string; since?: string; limit?: number; as?: string; json?: boolean }) => {
        await withRuntime(globals(), async (rt) => {
          const answer = await run(await commandContext(rt, options.as, 'cli'), 'audit_log', {
            ...(options.actor ? { actor: options.actor } : {}),
            ...(options.since ? { since: options.since } : {}),
            ...(options.limit ? { limit: options.limit } : {}),
          });
          if (!options.json) {
            printAnswer(answer, false);
            return;
          }
          for (const entry of (answer.data as AuditLogData).entries)
            process.stdout.write(`${JSON.stringify(entry)}\n`);
        });
      },
    );
  audit
    .command('purge')
    .description(
      'delete audit entries older than the retention period (CSE_AUDIT_RETENTION_DAYS, default 400); the purge is itself audited',
    )
    .addOption(
      new Option('--older-than-days <n>', 'override the retention period (at least 30)').argParser(
        positiveInt('--older-than-days', 36_500),
      ),
    )
    .option('--as <user>', 'act as this team member (only admins may)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { olderThanDays?: number; as?: string; json?: boolean }) => {
      await withRuntime(globals(), async (rt) => {
        printAnswer(
          await run(await commandContext(rt, options.as, 'cli'), 'purge_audit', {
            ...(options.olderThanDays ? { older_than_days: options.olderThanDays } : {}),
          }),
          options.json,
        );
      });
    });

  program
    .command('score')
    .description(
      'health scores: --all scores every active account and stores a snapshot each (for trends and movers)',
    )
    .option('--all', 'score every active account')
    .addOption(
      new Option('--as-of <date>', 'the day to score, YYYY-MM-DD (default: today)').argParser(isoDate),
    )
    .addOption(
      new Option('--from <date>', 'back-fill point-in-time snapshots from this day (with --to)').argParser(
        isoDate,
      ),
    )
    .addOption(new Option('--to <date>', 'the last day of the back-fill (default: today)').argParser(isoDate))
    .addOption(new Option('--every <step>', 'back-fill step').choices(['day', 'week']).default('week'))
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nBack-fill: cse score --all --from 2026-06-01 --to 2026-11-24 --every week scores, for each day, the accounts that were customers then, from the history dated on or before it.\nOne account: cse ask "score Acme" or cse run score --account Acme',
    )
    .action(
      async (options: {
        all?: boolean;
        asOf?: string;
        from?: string;
        to?: string;
        every: 'day' | 'week';
        json?: boolean;
      }) => {
        if (!options.all)
          throw new CseError(ErrorCode.BadInput, 'cse score needs --all', {
            hint: 'For one account: cse ask "score Acme" or cse run score --account Acme',
          });
        if (options.from) {
          await backfill(options as { from: string; to?: string; every: 'day' | 'week'; json?: boolean });
          return;
        }
        if (options.to)
          throw new CseError(ErrorCode.BadInput, '--to goes with --from', {
            hint: 'Back-fill a range with --from <date> --to <date>, or score one day with --as-of <date>',
          });
        await withRuntime(globals(), async (rt) => {
          const asOf = options.asOf ?? todayOn(rt.clock);
          const summary = await auditedWrite(
            rt,
            { intent: 'score_all', text: 'cse score --all', args: { as_of: asOf } },
            () =>
              scoreAll(
                rt.db,
                asOf,
                options.json
                  ? undefined
                  : (done, total) =>
                      note(
                        `  scored ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} accounts…`,
                      ),
              ),
          );
          if (options.json) printJson(summary);
          else
            print(
              `Scored ${summary.accounts.toLocaleString('en-US')} active accounts as of ${summary.as_of} in ${(summary.duration_ms / 1000).toFixed(1)} s: ${Object.entries(
                summary.tiers,
              )
                .map(([tier, n]) => `${n} ${tier}`)
                .join(', ')}. Snapshots stored.`,
            );
        });
      },
    );

  /** `cse score --all --from … --to … --every …`: point-in-time snapshots for a run of past days. */
  async function backfill(options: { from: string; to?: string; every: 'day' | 'week'; json?: boolean }) {
    await withRuntime(globals(), async (rt) => {
      const to = options.to ?? todayOn(rt.clock);
      if (options.from > to)
        throw new CseError(ErrorCode.BadInput, `--from ${options.from} is after --to ${to}`, {
          hint: 'Give the earlier day first',
        });
      const days = backfillDays(options.from, to, options.every);
      if (days.length > MAX_BACKFILL_DAYS)
        throw new CseError(
          ErrorCode.BadInput,
          `${days.length} days to score is more than ${MAX_BACKFILL_DAYS}`,
          {
            hint: 'Use --every week, or a shorter range',
          },
        );
      const summary = await auditedWrite(
        rt,
        {
          intent: 'backfill_snapshots',
          text: 'cse score --all --from',
          args: { from: options.from, to, every: options.every },
        },
        () =>
          backfillSnapshots(rt.db, { from: options.from, to, every: options.every }, (day, done, total) => {
            if (!options.json) note(`  ${day}: scored (${done} of ${total} days)`);
          }),
      );
      if (options.json) printJson(summary);
      else
        print(
          `Back-filled ${summary.snapshots.toLocaleString('en-US')} point-in-time snapshots over ${summary.days.length} days (${summary.from} to ${summary.to}, every ${summary.every}) in ${(summary.duration_ms / 1000).toFixed(1)} s. Snapshots stored.`,
        );
    });
  }

  program
    .command('bench')
    .description(
      'benchmarks on the configured store: start-up, demo, import throughput; report latency p50/p95; Slack ack and answer latency; the daily scheduled run',
    )
    .addOption(
      new Option('--suite <name>', 'what to measure')
        .choices(['store', 'reports', 'slack', 'feedback', 'daily', 'all'])
        .default('all'),
    )
    .addOption(
      new Option('--accounts <n>', 'size of the large demo')
        .argParser(positiveInt('--accounts', 100_000))
        .default(10_000),
    )
    .addOption(
      new Option('--months <n>', 'months of history for the report suite')
        .argParser(positiveInt('--months', 60))
        .default(36),
    )
    .addOption(
      new Option('--runs <n>', 'store suite: repetitions (medians reported)')
        .argParser(positiveInt('--runs', 20))
        .default(3),
    )
    .addOption(
      new Option('--repetitions <n>', 'report suite: timed runs per command')
        .argParser(positiveInt('--repetitions', 1000))
        .default(20),
    )
    .addOption(
      new Option('--items <n>', 'feedback suite: items through the whole loop')
        .argParser(positiveInt('--items', 100_000))
        .default(2000),
    )
    .addOption(
      new Option('--stored <n>', 'feedback suite: stored items for the kNN figure')
        .argParser(positiveInt('--stored', 1_000_000))
        .default(100_000),
    )
    .addOption(
      new Option('--queries <n>', 'feedback suite: kNN queries timed')
        .argParser(positiveInt('--queries', 10_000))
        .default(200),
    )
    .option('--json', 'print the report as JSON')
    .action(
      async (options: {
        items: number;
        stored: number;
        queries: number;
        suite: string;
        accounts: number;
        months: number;
        runs: number;
        repetitions: number;
        json?: boolean;
      }) => {
        const config = configFrom(globals());
        const asOf = todayOn(clockFrom(config));
        const wants = (suite: string) => options.suite === 'all' || options.suite === suite;
        const store = wants('store')
          ? await runStoreBench(config, {
              accounts: options.accounts,
              runs: options.runs,
              asOf,
              onProgress: note,
            })
          : null;
        const reports = wants('reports')
          ? await runReportBench(config, {
              accounts: options.accounts,
              months: options.months,
              repetitions: options.repetitions,
              asOf,
              onProgress: note,
            })
          : null;
        const slack = wants('slack')
          ? await runSlackBench(config, {
              accounts: options.accounts,
              repetitions: options.repetitions,
              asOf,
              onProgress: note,
            })
          : null;
        const feedbackFigures = wants('feedback')
          ? await runFeedbackBench(config, {
              items: options.items,
              stored: options.stored,
              queries: options.queries,
              onProgress: note,
            })
          : null;
        const daily = wants('daily')
          ? await runDailyBench(config, { accounts: options.accounts, asOf, onProgress: note })
          : null;
        const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
        const driver = config.DATABASE_URL ? 'postgres' : 'pglite';
        if (options.json) {
          printJson({
            driver,
            machine,
            store: store?.figures ?? null,
            reports,
            slack,
            feedback: feedbackFigures,
            daily,
          });
          return;
        }
        print(`Benchmarks on ${driver}, ${machine}`);
        if (store) {
          print(`Store — medians of ${options.runs} run(s):`);
          for (const f of store.figures)
            print(`  ${f.name.padEnd(32)} ${String(f.median).padStart(10)} ${f.unit.padEnd(6)} ${f.note}`);
        }
        if (reports) {
          print(
            `Reports — ${options.accounts} accounts, ${options.months} months, ${options.repetitions} timed runs each:`,
          );
          for (const r of reports)
            print(
              `  ${r.command.padEnd(20)} p50 ${String(r.p50_ms).padStart(6)} ms   p95 ${String(r.p95_ms).padStart(6)} ms`,
            );
        }
        if (feedbackFigures) {
          const { loop, knn } = feedbackFigures;
          print(
            `Feedback — ${loop.items} items end to end (local embedder, in-process queue): ${loop.items_per_second} items/s (${loop.seconds} s)`,
          );
          print(
            `  dedup kNN with ${knn.stored.toLocaleString('en-US')} stored items (HNSW, cosine, ef_search ${knn.ef_search}): p50 ${knn.p50_ms} ms, p95 ${knn.p95_ms} ms over ${knn.queries} queries; index built in ${knn.index_build_s} s`,
          );
        }
        if (daily) {
          print(`Daily run — snapshot of every customer, then alerts and delivery planning (${driver}):`);
          for (const d of daily)
            print(
              `  ${d.day}: ${d.accounts.toLocaleString('en-US')} accounts in ${d.total_s} s (snapshot ${d.snapshot_s} s, alerts ${d.alerts_s} s) — ${d.raised} raised, ${d.updated} updated, ${d.resolved} resolved; ${d.dms} DMs planned, ${d.held} held for digests`,
            );
        }
        if (slack) {
          print(
            `Slack — HTTP receiver, fake Slack Web API, ${options.accounts} accounts, ${options.repetitions} questions each:`,
          );
          for (const s of slack)
            print(
              `  ${s.command.padEnd(20)} ack p50 ${s.ack_p50_ms} ms, p99 ${s.ack_p99_ms} ms   answer p50 ${s.answer_p50_ms} ms, p95 ${s.answer_p95_ms} ms`,
            );
        }
      },
    );

  return program;
}

/** Runs the CLI; bad input exits 2 with a one-line reason on stderr, failures exit 1. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const sub of program.commands) sub.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; real usage errors are bad input.
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? 0
        : 2;
    }
    note(formatError(error));
    return exitCodeFor(error);
  }
}

const exitCode = await main(process.argv);
process.exitCode = exitCode;
