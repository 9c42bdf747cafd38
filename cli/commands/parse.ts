import type { RegisterCommand } from './register.ts';

export const registerParse: RegisterCommand = (program, globals) => {
  program
    .command('parse')
    .description('show how a message is understood (intent, arguments, confidence)')
    .argument('[text]', 'the message')
    .option('--file <lines.txt>', 'parse every line of a file; prints one JSON object per line (JSON Lines)')
    .option('--json', 'print JSON')
    .action(async (text: string | undefined, options: { file?: string; json?: boolean }) =>
      (await import('../actions/parse.ts')).parse(globals(), text, options),
    );
};
