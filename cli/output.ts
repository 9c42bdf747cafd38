/** What the CLI prints: answers and figures on stdout, progress and reasons on stderr. */
export const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
export const note = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
export const printJson = (value: unknown): void => print(JSON.stringify(value, null, 2));
