/**
 * The closed set of error codes. Every failure the user can see maps to exactly one of these,
 * and `formatError` is the one place that turns an error into user-facing text.
 */
export const ErrorCode = {
  /** A command-line argument or option is malformed. */
  BadInput: 'bad_input',
  /** An import file failed validation; nothing was written. */
  ImportInvalid: 'import_invalid',
  /** No account matched the name given. */
  AccountNotFound: 'account_not_found',
  /** Several accounts matched and none clearly wins. */
  AccountAmbiguous: 'account_ambiguous',
  /** The question could not be mapped to a command. */
  UnknownIntent: 'unknown_intent',
  /** A file named on the command line cannot be read. */
  FileNotFound: 'file_not_found',
  /** Environment configuration is invalid (a start-up error). */
  ConfigInvalid: 'config_invalid',
  /** The database could not be opened or reached. */
  StoreUnavailable: 'store_unavailable',
  /** The embedded store is open in another process (it is one process's database). */
  StoreInUse: 'store_in_use',
  /** The user is not known to the bot. */
  UserUnknown: 'user_unknown',
  /** The asker may not see or change this (DESIGN §10); the message says whose it is and who can help. */
  Forbidden: 'forbidden',
  /** The same id was sent before with different content; the stored item is in the details. */
  Conflict: 'conflict',
  /** A referenced record (a feedback item, …) does not exist. */
  NotFound: 'not_found',
  /** A connected source (Stripe, HubSpot, Zendesk) cannot be read now, or asked to wait: its cursor is kept. */
  SourceUnavailable: 'source_unavailable',
  /** The language model could not be used: not configured, failing after retries, or over budget. */
  LlmUnavailable: 'llm_unavailable',
  /** Anything unexpected: a bug or a system failure. */
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes caused by what the user typed or supplied; the CLI exits 2 for these. */
const USER_ERROR_CODES: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.BadInput,
  ErrorCode.ImportInvalid,
  ErrorCode.AccountNotFound,
  ErrorCode.AccountAmbiguous,
  ErrorCode.UnknownIntent,
  ErrorCode.FileNotFound,
  ErrorCode.ConfigInvalid,
  ErrorCode.UserUnknown,
  ErrorCode.Forbidden,
  ErrorCode.Conflict,
  ErrorCode.NotFound,
  ErrorCode.StoreInUse,
]);

export interface CseErrorOptions {
  /** What the user should do next. */
  hint?: string;
  /** Structured detail for JSON output (e.g. the list of bad rows). */
  details?: unknown;
  cause?: unknown;
}

export class CseError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: CseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CseError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** Wraps anything thrown into a CseError; unknown errors become `internal`. */
export function toCseError(error: unknown): CseError {
  if (error instanceof CseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CseError(ErrorCode.Internal, message, {
    hint: 'This is a bug or a system failure. Run again with LOG_LEVEL=debug and report the log.',
    cause: error,
  });
}

export function isUserError(error: unknown): boolean {
  return error instanceof CseError && USER_ERROR_CODES.has(error.code);
}

/** Exit code for the CLI contract: 2 for bad input, 1 for internal failure. */
export function exitCodeFor(error: unknown): 1 | 2 {
  return isUserError(error) ? 2 : 1;
}

/** The one formatter from error to user text: what went wrong, then what to do next. */
export function formatError(error: unknown): string {
  const e = toCseError(error);
  return e.hint ? `${e.message}. ${e.hint}` : e.message;
}

/** The machine-readable form used by `--json` error output. */
export function errorShape(error: unknown): {
  code: ErrorCode;
  message: string;
  hint: string | null;
  details: unknown;
} {
  const e = toCseError(error);
  return { code: e.code, message: e.message, hint: e.hint ?? null, details: e.details ?? null };
}
