/** What the CLI prints: answers and figures on stdout, progress and reasons on stderr. */

// A reader that stops early (`cse export revenue | head`) closes the pipe: that is the end, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

export const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
export const note = (text: string): void => {
  process.stderr.write(`${text}\n`);
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
