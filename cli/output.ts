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
