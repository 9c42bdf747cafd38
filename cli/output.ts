/** What the CLI prints: answers and figures on stdout, progress and reasons on stderr. */

// A reader that stops early (`cse export revenue | head`) closes the pipe: that is the end, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/**
 * Text for a terminal: a control character (an escape sequence that would recolour, move the
 * cursor or retitle the window) is shown as its symbol (␛), never acted on. Tab and line breaks stay.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u009B]/g;
export const terminalText = (text: string): string =>
  text.replace(CONTROL, (c) =>
    c === '\u007F' ? '\u2421' : c === '\u009B' ? '\u241B' : String.fromCharCode(0x2400 + c.charCodeAt(0)),
  );

export const print = (text: string): void => {
  process.stdout.write(`${terminalText(text)}\n`);
};
export const note = (text: string): void => {
  process.stderr.write(`${terminalText(text)}\n`);
};
export const printJson = (value: unknown): void => print(JSON.stringify(value, null, 2));

/**
 * A server or worker that was stopped has closed what it holds; a client library still trying to
 * reach a service that is away (Redis during an outage) must not keep it from exiting. Unref'd:
 * when nothing else is left, the process exits on its own before this fires.
 */
export function exitAfterStop(ms = 2_000): void {
  setTimeout(() => process.exit(process.exitCode ?? 0), ms).unref();
}
