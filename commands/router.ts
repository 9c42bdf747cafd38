import { z } from 'zod';
import { CseError, ErrorCode, toCseError } from '../core/errors.ts';
import { VERSION } from '../core/version.ts';
import { accountNames } from '../facts/accounts.ts';
import { listUsers } from '../facts/team.ts';
import { appendAudit } from '../records/audit.ts';
import type { Queryable } from '../store/db.ts';
import { localIntentModel, rankWithLocalModel } from '../tools/intent/local-intent-model.ts';
import { cleanArgs, cleanText } from '../tools/text/clean-text.ts';
import { authoriseCommand, noExactAccount, outsideTheBook, withinReach } from './authorisation.ts';
import { optionSpecs, reproduceLine, validateArgs } from './command-args.ts';
import type { CommandContext } from './context.ts';
import type { CommandIntent, IntentName, ParsedIntent } from './intent.ts';
import { AccountLexicon } from './parse/account-lexicon.ts';
import { combineReadings, modelCanChange } from './parse/combine-readings.ts';
import { parseWithLlm } from './parse/llm-fallback.ts';
import { LOW_CONFIDENCE, parseWithRules, type RulesOptions } from './parse/rules.ts';
import { availableIntents, COMMANDS, findCommand, intentRules, type Registry } from './registry.ts';
import { matchAccount, type ResolvedAccount } from './resolve-account.ts';

/** The registry's triggers, in the order the rules parser tries them. */
const INTENT_RULES = intentRules();

export const Provenance = z.object({
  /** The date the figures describe. */
  as_of: z.string(),
  generated_at: z.string(),
  tool: z.string(),
  version: z.string(),
  /** Definitions the figures follow. */
  definitions: z.record(z.string(), z.string()),
  store: z.string(),
  /** The command line that reproduces this answer exactly. */
  reproduce: z.string(),
});
export type Provenance = z.infer<typeof Provenance>;

export interface UnknownData {
  message: string;
  /** Questions it can answer: the nearest to the words first when the intent model read them, else every one. */
  suggestions: { intent: string; example: string }[];
  /** When two or three readings were close: each as a question to run, best first ("Did you mean …"). */
  readings: {
    intent: string;
    label: string;
    account: string | null;
    args: Record<string, unknown>;
    probability: number;
  }[];
}

/** The data of an answer, by intent: the command's result, or the router's own for `unknown`. */
export type AnswerData<I extends IntentName> = I extends CommandIntent
  ? z.output<Registry[I]['result']>
  : UnknownData;

/** The `--json` contract of DESIGN §4, for one intent. */
export interface AnswerOf<I extends IntentName> {
  intent: I;
  args: Record<string, unknown>;
  account: { id: string; name: string } | null;
  data: AnswerData<I>;
  provenance: Provenance;
}

/** What a command takes, by intent: its own arguments, and the account when it is about one. */
export type ArgsOf<I extends CommandIntent> = z.input<Registry[I]['args']> &
  (Registry[I]['account'] extends 'required' ? { account: string } : unknown);

/** Any answer: checking `intent` narrows `data` to that command's result. */
export type Answer = { [I in IntentName]: AnswerOf<I> }[IntentName];

/** The store's account names as the parser reads them. */
export async function accountLexicon(db: Queryable): Promise<AccountLexicon> {
  const [accounts, users] = await Promise.all([accountNames(db), listUsers(db)]);
  return new AccountLexicon(
    accounts,
    users.filter((u) => u.role === 'csm').map((u) => ({ user_id: u.user_id, name: u.name ?? u.user_id })),
  );
}

/** Keeps only the arguments the intent's command understands. */
function acceptedArgs(parsed: ParsedIntent): ParsedIntent {
  const command = findCommand(parsed.intent);
  if (!command) return parsed;
  const accepted = new Set(optionSpecs(command.args).map((o) => o.key));
  return {
    ...parsed,
    args: Object.fromEntries(Object.entries(parsed.args).filter(([k]) => accepted.has(k))),
  };
}

/** Parses a message with the rules alone. */
export function parseMessage(text: string, options: Omit<RulesOptions, 'rules'>): ParsedIntent {
  return acceptedArgs(parseWithRules(text, availableIntents(), { ...options, rules: INTENT_RULES }));
}

/** In-scope intents offered as the nearest examples when nothing is close. */
const NEAREST = 5;

/**
 * Parses a message with the rules and, where they are unsure, the local intent model: its sure
 * reading is taken, close readings are kept to be asked back (each with its own arguments), and
 * the nearest intents are kept for the examples of "I can't answer". No network, no LLM.
 */
export function readMessage(text: string, options: Omit<RulesOptions, 'rules'>): ParsedIntent {
  const rules = parseMessage(text, options);
  if (!rules.reading || !modelCanChange(rules, () => localIntentModel().thresholds)) return rules;
  const { thresholds } = localIntentModel();
  const ranked = rankWithLocalModel(rules.reading.probe);
  const takesAccount = (intent: string) => findCommand(intent)?.account === 'required';
  const combined = acceptedArgs(combineReadings(rules, ranked, thresholds, takesAccount));
  const readings = combined.readings?.map((r) => ({
    ...r,
    args: acceptedArgs({ ...combined, intent: r.intent, args: r.args }).args,
  }));
  const nearest = ranked
    .filter((r) => r.intent !== 'unknown' && r.intent !== 'help')
    .slice(0, NEAREST)
    .map((r) => r.intent as IntentName);
  return { ...combined, ...(readings ? { readings } : {}), nearest };
}

/**
 * Parses a message: the rules and the local intent model first; only when they are still unsure
 * (confidence below LOW_CONFIDENCE) and an LLM is configured, the LLM fallback. A failing LLM, or
 * one that places the words nowhere, never fails the question: the local reading stands, close
 * readings and all.
 */
export async function understand(
  ctx: Pick<CommandContext, 'db' | 'today' | 'llm' | 'logger'> & { config?: CommandContext['config'] },
  text: string,
  lexicon?: AccountLexicon,
): Promise<ParsedIntent> {
  const accounts = lexicon ?? (await accountLexicon(ctx.db));
  const rules = readMessage(text, {
    today: ctx.today,
    accounts,
    fiscalYearStart: ctx.config?.CSE_FISCAL_YEAR_START,
  });
  if (rules.confidence >= LOW_CONFIDENCE || !ctx.llm) return rules;
  try {
    const llm = acceptedArgs(await parseWithLlm(ctx.llm, text, COMMANDS, rules.args));
    // An LLM that places it nowhere leaves the close readings to be asked back.
    return llm.intent === 'unknown' && rules.readings ? rules : llm;
  } catch (error) {
    ctx.logger.warn(
      { err: toCseError(error).message },
      'LLM parse fallback failed; keeping the rules result',
    );
    return rules;
  }
}

/** A reading in words: "Churn risk for cyberdyne". */
const readingLabel = (intent: string, account: string | null) => {
  const title = findCommand(intent)?.title ?? intent;
  return account ? `${title} for ${account}` : title;
};

function unknownAnswer(ctx: CommandContext, text: string, parsed: ParsedIntent): Answer {
  const asked = COMMANDS.filter((c) => c.intent !== 'help' && c.examples.length > 0);
  const near = parsed.nearest?.flatMap((i) => asked.filter((c) => c.intent === i)) ?? [];
  const readings = (parsed.readings ?? []).map((r) => ({
    intent: r.intent,
    label: readingLabel(r.intent, r.accountMention),
    account: r.accountMention,
    args: r.args,
    probability: r.probability,
  }));
  const data: UnknownData = {
    message:
      readings.length > 0
        ? `Did you mean ${readings.map((r) => r.label).join(', or ')}?`
        : `I can't answer "${text.trim()}" yet. ${near.length > 0 ? 'The nearest I can do:' : 'Here is what I can do:'}`,
    suggestions: (near.length > 0 ? near : asked).map((c) => ({
      intent: c.intent,
      example: c.examples[0] ?? c.intent,
    })),
    readings,
  };
  return {
    intent: 'unknown',
    args: {},
    account: null,
    data,
    provenance: {
      as_of: ctx.today,
      generated_at: ctx.now,
      tool: 'router',
      version: VERSION,
      definitions: {},
      store: ctx.db.driver,
      reproduce: 'cse run help',
    },
  };
}

/** The refusal an error stands for, if any: itself, or one in its causes (a near miss said as "not found"). */
function refusalBehind(error: CseError): CseError | null {
  for (let e: unknown = error; e instanceof CseError; e = e.cause)
    if (e.code === ErrorCode.Forbidden) return e === error ? null : e;
  return null;
}

/** What the audit log records of a call while it runs: filled in as the router learns it. */
interface Trace {
  intent: string | null;
  account_id: string | null;
  args: Record<string, unknown>;
}

async function execute(
  ctx: CommandContext,
  intent: string,
  rawArgs: Record<string, unknown>,
  accountMention: string | null,
  trace: Trace,
): Promise<Answer> {
  const command = findCommand(intent);
  if (!command) {
    throw new CseError(ErrorCode.UnknownIntent, `No command '${intent}'`, {
      hint: `Available: ${availableIntents().join(', ')} (cse run help lists them with examples)`,
    });
  }
  trace.intent = command.intent;
  const { account: accountArg, ...rest } = rawArgs;
  // A command that keeps a summary of its arguments in the log keeps nothing of them unchecked.
  trace.args = command.auditArgs ? {} : rest;
  const mention = typeof accountArg === 'string' ? accountArg : accountMention;
  const args = validateArgs(command.args, rest) as Record<string, unknown>;
  trace.args = command.auditArgs
    ? (command.auditArgs as (a: Record<string, unknown>) => Record<string, unknown>)(args)
    : args;
  // The role may use this kind of command at all: checked before any account is looked up.
  await authoriseCommand(ctx, command, args, null, { areaOnly: true });
  let account: ResolvedAccount | null = null;
  let named = true;
  if (command.account === 'required') {
    if (!mention) {
      throw new CseError(ErrorCode.BadInput, `Which account? ${command.title} is about one account`, {
        hint: `Name it, e.g. "${command.examples[0] ?? command.intent}" or cse run ${command.intent} --account <name>`,
      });
    }
    try {
      ({ account, exact: named } = await matchAccount(ctx.db, mention));
    } catch (error) {
      throw ctx.exactAccounts ? noExactAccount(mention, error) : await withinReach(ctx, error);
    }
    if (ctx.exactAccounts && !named) throw noExactAccount(mention, null);
    trace.account_id = account.id;
  } else if (accountArg !== undefined) {
    throw new CseError(ErrorCode.BadInput, `${command.title} is not about one account`, {
      hint: 'Leave out --account',
    });
  }
  try {
    await authoriseCommand(ctx, command, args, account);
  } catch (error) {
    // A near-miss spelling that lands in another book says nothing of that book.
    throw named || !mention ? error : outsideTheBook(mention, error);
  }
  const composing: CommandContext = { ...ctx, compose: (i, a) => run(ctx, i, a) };
  const output = await command.run(composing, args, account);
  const data = command.result.parse(output.data);
  const takesAsOf = optionSpecs(command.args).some((o) => o.key === 'as_of');
  // The data was just checked against this intent's result schema: it is this intent's answer.
  return {
    intent: command.intent,
    args,
    account,
    data,
    provenance: {
      as_of: output.asOf,
      generated_at: ctx.now,
      tool: `commands/${command.intent}`,
      version: VERSION,
      definitions: output.definitions,
      store: ctx.db.driver,
      reproduce: reproduceLine(
        command.intent,
        takesAsOf ? { ...args, as_of: args.as_of ?? output.asOf } : args,
        account?.id ?? null,
      ),
    },
  } as Answer;
}

/**
 * Every call is audited, whatever its end: the question, who asked with which role, on which
 * surface, the command and its arguments, and the outcome (ok, a refusal with what the asker was
 * told, or an error).
 */
async function audited(
  ctx: CommandContext,
  text: string | null,
  work: (trace: Trace) => Promise<Answer>,
): Promise<Answer> {
  const started = performance.now();
  const trace: Trace = { intent: null, account_id: null, args: {} };
  const base = {
    actor: ctx.actor.id,
    role: ctx.actor.role,
    surface: ctx.surface,
    channel: ctx.channel ?? null,
    text,
    at: ctx.now,
  };
  let answer: Answer;
  try {
    answer = await work(trace);
  } catch (error) {
    const e = toCseError(error);
    // A refusal said as "not found" (a near miss into another book) is still a refusal in the log.
    const refused = refusalBehind(e);
    await appendAudit(ctx.db, {
      ...base,
      intent: trace.intent,
      account_id: trace.account_id,
      args: trace.args,
      outcome: 'error',
      error_code: refused?.code ?? e.code,
      detail: refused ? `${refused.message} (told: ${e.message})` : e.message,
      duration_ms: performance.now() - started,
    }).catch((auditError) => ctx.logger.error({ err: auditError }, 'audit log write failed'));
    throw error;
  }
  await appendAudit(ctx.db, {
    ...base,
    intent: answer.intent,
    account_id: answer.account?.id ?? null,
    args: trace.intent === answer.intent ? trace.args : answer.args,
    outcome: 'ok',
    duration_ms: performance.now() - started,
  });
  return answer;
}

/**
 * An account that was not found or is ambiguous keeps the question it came from (intent and
 * args), so a surface can offer "did you mean" choices that re-ask it with the account picked.
 */
function withQuestion(error: unknown, parsed: ParsedIntent): unknown {
  if (!(error instanceof CseError)) return error;
  if (error.code !== ErrorCode.AccountNotFound && error.code !== ErrorCode.AccountAmbiguous) return error;
  const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
  return new CseError(error.code, error.message, {
    ...(error.hint ? { hint: error.hint } : {}),
    details: { ...details, question: { intent: parsed.intent, args: parsed.args } },
    cause: error,
  });
}

/** Answers a message in plain words: parse, route, authorise, run. Every call is audited. */
export function ask(ctx: CommandContext, typed: string): Promise<Answer> {
  const text = cleanText(typed);
  return audited(ctx, text, async (trace) => {
    const parsed = await understand(ctx, text);
    if (parsed.intent === 'unknown') return unknownAnswer(ctx, text, parsed);
    try {
      return await execute(ctx, parsed.intent, parsed.args, parsed.accountMention, trace);
    } catch (error) {
      throw withQuestion(error, parsed);
    }
  });
}

/**
 * Runs a command by intent name with explicit args (no parsing): `cse run`, button clicks,
 * modals and the HTTP API. Authorised and audited exactly like a question.
 */
export function run<I extends CommandIntent>(
  ctx: CommandContext,
  intent: I,
  rawArgs: Record<string, unknown>,
): Promise<AnswerOf<I>>;
export function run(ctx: CommandContext, intent: string, rawArgs: Record<string, unknown>): Promise<Answer>;
export function run(ctx: CommandContext, intent: string, rawArgs: Record<string, unknown>): Promise<Answer> {
  return audited(ctx, null, (trace) => execute(ctx, cleanText(intent), cleanArgs(rawArgs), null, trace));
}
