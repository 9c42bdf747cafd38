import { z } from 'zod';
import { CseError, ErrorCode } from './errors.ts';
import { maskUrl } from './logger.ts';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A month's name ("feb", "February") as its number; anything else as given. */
const fiscalMonth = (value: unknown) => {
  if (typeof value !== 'string') return value;
  const at = MONTH_NAMES.indexOf(value.trim().toLowerCase().slice(0, 3));
  return at >= 0 && /^[a-z]+$/i.test(value.trim()) ? at + 1 : value;
};

const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

const url = (protocols: string[], example: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (v) => {
          try {
            return protocols.includes(new URL(v).protocol);
          } catch {
            return false;
          }
        },
        `must be a ${protocols.join(' or ')} URL, e.g. ${example} (a password with #, /, ?, @ or % in it is written percent-encoded: %23, %2F, %3F, %40, %25)`,
      )
      .optional(),
  );

const prefixedToken = (prefix: string, where: string) =>
  z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine((v) => v.startsWith(prefix), `must start with '${prefix}' (find it under ${where})`)
      .optional(),
  );

/**
 * Every environment variable cs-engine reads. Parsed once at start-up; the rest of the code
 * imports the typed result and never touches process.env.
 */
export const Config = z.object({
  CSE_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./.cse')),
  /** Pins the process clock (YYYY-MM-DD, read as noon UTC, or an ISO date-time): tests, or replaying a past day. */
  CSE_NOW: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (v) =>
          /^\d{4}-\d{2}-\d{2}($|T)/.test(v) &&
          !Number.isNaN(Date.parse(v.length === 10 ? `${v}T12:00:00Z` : v)),
        'must be YYYY-MM-DD or an ISO date-time, e.g. 2026-11-24T09:00:00Z',
      )
      .optional(),
  ),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres://user:pass@localhost:5432/cse'),
  /** PostgreSQL schema holding cs-engine's tables (created if missing); lets one database host several stores. */
  DATABASE_SCHEMA: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^[a-z_][a-z0-9_]{0,62}$/,
        'must be a lower-case schema name (letters, digits, underscores), e.g. cs_engine',
      )
      .optional(),
  ),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  /** Prefix of the queue's Redis keys: lets several installations (or test runs) share one Redis. */
  QUEUE_PREFIX: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'must be letters, digits, - or _ (at most 40), e.g. cse')
      .default('cse'),
  ),
  /** Slack destination per feedback owner, JSON: {"product":"C0PRODUCT","support":"C0SUPPORT",...}; csm goes to the account's CSM. */
  FEEDBACK_SLACK_ROUTES: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .transform((raw, ctx) => {
        try {
          const parsed = JSON.parse(raw) as unknown;
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
            return parsed as Record<string, string>;
        } catch {}
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object like {"product":"C0PRODUCT"}' });
        return z.NEVER;
      })
      .optional(),
  ),
  /** Stripe: a restricted key with read access to customers and subscriptions (docs/connectors.md). */
  STRIPE_SECRET_KEY: optionalString,
  /** Stripe's API address, for a local test server (e.g. http://127.0.0.1:12111); the real API otherwise. */
  STRIPE_API_BASE_URL: url(['http:', 'https:'], 'http://127.0.0.1:12111'),
  /** A HubSpot private app's access token (read scopes: docs/connectors.md). */
  HUBSPOT_ACCESS_TOKEN: optionalString,
  /** Where the HubSpot API is (tests: a local server); default api.hubapi.com. */
  HUBSPOT_API_BASE_URL: url(['http:', 'https:'], 'http://127.0.0.1:12112'),
  /** The Zendesk account's subdomain (`acme` for acme.zendesk.com). */
  ZENDESK_SUBDOMAIN: optionalString,
  /** The agent email the API token belongs to. */
  ZENDESK_EMAIL: optionalString,
  ZENDESK_API_TOKEN: optionalString,
  /** Where the Zendesk API is (tests: a local server); default https://<subdomain>.zendesk.com. */
  ZENDESK_API_BASE_URL: url(['http:', 'https:'], 'http://127.0.0.1:12113'),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url(['http:', 'https:'], 'http://localhost:11434/v1'),
  OPENAI_MODEL: z.preprocess(emptyAsUndefined, z.string().default('gpt-4o-mini')),
  OPENAI_EMBEDDING_MODEL: z.preprocess(emptyAsUndefined, z.string().default('text-embedding-3-small')),
  /** Per model call, in milliseconds, before the call counts as failed (and is retried). */
  OPENAI_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be milliseconds, e.g. 20000' }).int().min(100).default(20_000),
  ),
  /** Retries on 408/409/429/5xx and connection errors, with exponential backoff. */
  OPENAI_MAX_RETRIES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a whole number, e.g. 2' }).int().min(0).max(10).default(2),
  ),
  SLACK_BOT_TOKEN: prefixedToken(
    'xoxb-',
    'OAuth & Permissions → Bot User OAuth Token in your Slack app settings',
  ),
  SLACK_APP_TOKEN: prefixedToken('xapp-', 'Basic Information → App-Level Tokens in your Slack app settings'),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: url(['http:', 'https:'], 'https://slack.com/api/'),
  CSE_API_TOKEN: optionalString,
  /** Requests a minute per API token on POST /v1/feedback (bursts up to the same number); over it: 429. */
  CSE_API_RATE_LIMIT: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be requests a minute, e.g. 1200' }).int().min(1).default(1200),
  ),
  /**
   * Failed authentications a minute from one source (IP address) on the HTTP API before further
   * failures from it are answered 429 with nothing written; each source's failures are logged as
   * one audit row a minute.
   */
  CSE_API_AUTH_FAILURE_LIMIT: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be failed attempts a minute, e.g. 10' }).int().min(1).default(10),
  ),
  /**
   * The longest a sync waits when a vendor answers 429 with Retry-After; a longer wait defers that
   * source's sync to its own job after the wait, so the day's snapshot, alerts and DMs go on.
   */
  CSE_SYNC_MAX_WAIT_SECONDS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a number of seconds, e.g. 300' }).int().min(1).max(86_400).default(300),
  ),
  /** Days the audit log keeps entries before `cse audit purge` may remove them. */
  CSE_AUDIT_RETENTION_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a number of days, e.g. 400' }).int().min(30).max(36_500).default(400),
  ),
  /**
   * The month the team's fiscal year starts (1–12, or a month's name: `2`, `feb`, `February`):
   * "next quarter" and "Q1" in questions follow it. Default 1: calendar quarters.
   */
  CSE_FISCAL_YEAR_START: z.preprocess(
    (v) => fiscalMonth(emptyAsUndefined(v)),
    z.coerce
      .number({ error: 'must be the month the fiscal year starts, 1–12 or its name, e.g. 2 or feb' })
      .int()
      .min(1, 'must be the month the fiscal year starts, 1–12 or its name, e.g. 2 or feb')
      .max(12, 'must be the month the fiscal year starts, 1–12 or its name, e.g. 2 or feb')
      .default(1),
  ),
  /** Days customer channel messages are kept; the daily run deletes older ones and the signals found in them. */
  CSE_MESSAGE_RETENTION_DAYS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: 'must be a number of days, e.g. 400' }).int().min(30).max(36_500).default(400),
  ),
  /**
   * What reads customer texts for signals: `local` (the shipped classifier, the default) or `llm`
   * (the configured model, over redacted text, one call per text; the classifier answers where it fails).
   */
  CSE_SIGNAL_DETECTOR: z.preprocess(emptyAsUndefined, z.enum(['local', 'llm']).default('local')),
  /** The reaction that logs a message of a linked customer channel as feedback (its name, without colons). */
  CSE_FEEDBACK_REACTION: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^[a-z0-9_+-]+$/, 'must be a reaction name without colons, e.g. memo')
      .default('memo'),
  ),
  PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: 'must be a port number, e.g. 3000' })
      .int('must be a whole number, e.g. 3000')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .default(3000),
  ),
  /** Unset: `info` for the bot and server, `warn` for one-shot CLI commands. */
  LOG_LEVEL: z.preprocess(
    emptyAsUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
});
export type Config = z.infer<typeof Config>;

/** The Slack transport the configuration selects, or null for local chat. */
export function slackMode(config: Config): 'socket' | 'http' | null {
  if (!config.SLACK_BOT_TOKEN) return null;
  if (config.SLACK_APP_TOKEN) return 'socket';
  if (config.SLACK_SIGNING_SECRET) return 'http';
  return null;
}

/**
 * Parses the environment. A bad value is a start-up error naming the variable, what is wrong
 * and how to fix it — never a crash deep inside a driver later.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Config.safeParse(env);
  if (parsed.success) {
    const config = parsed.data;
    if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
      throw new CseError(
        ErrorCode.ConfigInvalid,
        'SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is',
        {
          hint: 'Set SLACK_APP_TOKEN (xapp-…) for Socket Mode, or SLACK_SIGNING_SECRET (Basic Information → App Credentials) for the HTTP receiver',
        },
      );
    }
    return config;
  }
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const value = env[name];
    const shown =
      name.includes('TOKEN') || name.includes('SECRET') || name.includes('KEY')
        ? '(hidden)'
        : name.endsWith('_URL') && typeof value === 'string'
          ? JSON.stringify(maskUrl(value))
          : JSON.stringify(value);
    return `${name}=${shown} ${issue.message}`;
  });
  throw new CseError(ErrorCode.ConfigInvalid, `Invalid configuration: ${problems.join('; ')}`, {
    hint: 'Fix or unset the variable named above (see the Configuration table in README.md)',
    details: problems,
  });
}
