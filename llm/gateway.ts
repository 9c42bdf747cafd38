import type OpenAI from 'openai';
import type { z } from 'zod';
import type { Config } from '../core/config.ts';
import { CseError, ErrorCode } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { LlmBudget } from './budget.ts';
import { type PeopleSource, peopleRedactor } from './people-redactor.ts';

export interface LlmRequest {
  /** Our own instructions (from prompts/). */
  system: string;
  /** The content: customer text, facts. Redacted before it leaves. */
  user: string;
  budget: LlmBudget;
}

/** The one way the code talks to a language model. */
export interface LlmGateway {
  readonly model: string;
  /** A reply parsed into the schema (JSON-schema structured output). */
  structured<S extends z.ZodType>(req: LlmRequest & { schema: S; name: string }): Promise<z.output<S>>;
  /** A plain-text reply. */
  complete(req: LlmRequest): Promise<string>;
}

function unavailable(error: unknown, what: string): CseError {
  const message = error instanceof Error ? error.message : String(error);
  return new CseError(ErrorCode.LlmUnavailable, `The language model could not ${what}: ${message}`, {
    hint: 'Check OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL; the answer falls back to rules and templates',
    cause: error,
  });
}

type Sdk = { client: OpenAI; zodResponseFormat: typeof import('openai/helpers/zod').zodResponseFormat };

/** The SDK, loaded on the first call, so a question the rules answer never pays for it. */
function lazySdk(config: Config, apiKey: string): () => Promise<Sdk> {
  let sdk: Promise<Sdk> | undefined;
  return () => {
    sdk ??= Promise.all([import('openai'), import('openai/helpers/zod')]).then(
      ([{ default: OpenAI }, helpers]) => ({
        client: new OpenAI({
          apiKey,
          baseURL: config.OPENAI_BASE_URL,
          timeout: config.OPENAI_TIMEOUT_MS,
          maxRetries: config.OPENAI_MAX_RETRIES,
        }),
        zodResponseFormat: helpers.zodResponseFormat,
      }),
    );
    return sdk;
  };
}

/** What every call shares: the SDK, the model, the redacted messages, and the token accounting. */
interface Calls {
  openai: () => Promise<Sdk>;
  model: string;
  messages: (req: LlmRequest) => Promise<{ role: 'system' | 'user'; content: string }[]>;
  account: (req: LlmRequest, usage: { total_tokens?: number } | undefined, started: number) => void;
}

/** A structured answer in the request's zod shape (temperature 0). */
async function structured<S extends LlmRequest & { schema: z.ZodType; name: string }>(
  calls: Calls,
  req: S,
): Promise<z.output<S['schema']>> {
  req.budget.reserve();
  const started = performance.now();
  const { client, zodResponseFormat } = await calls.openai();
  let completion: Awaited<ReturnType<typeof client.chat.completions.parse>>;
  try {
    completion = await client.chat.completions.parse({
      model: calls.model,
      temperature: 0,
      messages: await calls.messages(req),
      response_format: zodResponseFormat(req.schema, req.name),
    });
  } catch (error) {
    throw unavailable(error, 'answer');
  }
  calls.account(req, completion.usage, started);
  const message = completion.choices[0]?.message;
  if (!message || message.refusal || message.parsed === null || message.parsed === undefined)
    throw unavailable(new Error(message?.refusal ?? 'no structured answer'), 'answer in the expected shape');
  return message.parsed as z.output<S['schema']>;
}

/** A free-text reply (temperature 0.3). */
async function complete(calls: Calls, req: LlmRequest): Promise<string> {
  req.budget.reserve();
  const started = performance.now();
  const { client } = await calls.openai();
  let completion: OpenAI.Chat.Completions.ChatCompletion;
  try {
    completion = await client.chat.completions.create({
      model: calls.model,
      temperature: 0.3,
      messages: await calls.messages(req),
    });
  } catch (error) {
    throw unavailable(error, 'answer');
  }
  calls.account(req, completion.usage, started);
  const text = completion.choices[0]?.message?.content;
  if (!text) throw unavailable(new Error('empty reply'), 'write a reply');
  return text;
}

/**
 * The gateway over the `openai` SDK, for OpenAI or any compatible endpoint (Azure, Ollama, vLLM)
 * at OPENAI_BASE_URL. The SDK times out each call and retries 408/409/429/5xx with exponential
 * backoff; every message is redacted of emails, phone numbers and card numbers first. Null when
 * no OPENAI_API_KEY is set: the bot then works on rules and templates alone.
 */
export function createLlmGateway(config: Config, logger: Logger, people?: PeopleSource): LlmGateway | null {
  if (!config.OPENAI_API_KEY) return null;
  const model = config.OPENAI_MODEL;
  const redactor = peopleRedactor(people);
  const calls: Calls = {
    openai: lazySdk(config, config.OPENAI_API_KEY),
    model,
    async messages(req) {
      const redact = await redactor();
      return [
        { role: 'system' as const, content: redact(req.system) },
        { role: 'user' as const, content: redact(req.user) },
      ];
    },
    account(req, usage, started) {
      req.budget.spend(usage?.total_tokens ?? 0);
      logger.debug(
        { model, tokens: usage?.total_tokens ?? null, ms: Math.round(performance.now() - started) },
        'llm call',
      );
    },
  };
  return {
    model,
    structured: (req) => structured(calls, req),
    complete: (req) => complete(calls, req),
  };
}
