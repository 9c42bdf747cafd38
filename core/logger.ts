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

/** Query parameters that carry secrets in connection URLs. */
const SECRET_PARAMS =
  /([?&;](?:password|passwd|pass|pwd|secret|token|access_token|api[_-]?key|key|sslpassword|sslkey)=)[^&;#]*/gi;

/**
 * Hides the secrets of a connection URL so it can be shown or logged: the password however it is
 * written (the credentials end at the last '@', so a '#', '/', '?' or '@' inside it is hidden too)
 * and secret query parameters (`?password=`, `sslpassword`, `token`, `key`…). Not parsed with
 * URL: a password that breaks a URL parser must still be hidden.
 */
export function maskUrl(raw: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw);
  if (!scheme) return '(unparseable URL)';
  const rest = raw.slice(scheme[0].length);
  const at = rest.lastIndexOf('@');
  const credentials = at >= 0 ? rest.slice(0, at) : null;
  const user = credentials?.split(':')[0] ?? '';
  const shownCredentials =
    credentials === null ? '' : credentials.includes(':') ? `${user}:***@` : `${user}@`;
  const where = (at >= 0 ? rest.slice(at + 1) : rest).replace(SECRET_PARAMS, '$1***');
  return `${scheme[0]}${shownCredentials}${where}`;
}
