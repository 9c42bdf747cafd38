import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths redacted in every log line: secrets, and customer text that must not leak into logs
 * (feedback, ticket bodies, questions, LLM payloads).
 */
export const REDACTED_PATHS = [
  '*.token',
  '*.password',
  '*.apiKey',
  '*.secretKey',
  '*.STRIPE_SECRET_KEY',
  '*.HUBSPOT_ACCESS_TOKEN',
  '*.ZENDESK_API_TOKEN',
  '*.accessToken',
  '*.authorization',
  '*.headers.authorization',
  '*.connectionString',
  'token',
  'password',
  'apiKey',
  'authorization',
  'text',
  '*.text',
  'body',
  '*.body',
  'prompt',
  '*.prompt',
  'messages',
  '*.messages',
];

/**
 * The one logger factory. Logs go to stderr so stdout stays clean for answers and `--json`.
 * `destination` exists for tests that assert on what is (not) logged.
 */
export function createLogger(
  level: string,
  destination: NodeJS.WritableStream | pino.DestinationStream = process.stderr,
): Logger {
  return pino(
    {
      level,
      base: { app: 'cs-engine' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination as pino.DestinationStream,
  );
}

/** Hides the password in a connection URL so it can be shown or logged. */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
